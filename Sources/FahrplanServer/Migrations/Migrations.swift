import Fluent

/// Every schema change in order. Never edit a migration once it has shipped; add a new one.
enum FahrplanMigrations {
    static let all: [any Migration] = [
        CreateMunicipalities(),     // 001 municipalities (tenants)
        CreateUsers(),              // 002 users, login throttles, sessions
        CreateDepartments(),        // 003 organisation
        CreateMemberships(),        // 004 roles per municipality
        CreateAPITokens(),          // 005 personal API tokens
        CreateStrategyElements(),   // 006 strategy frame
        CreateAuditEvents(),        // 007 audit trail
        AddMunicipalityFrameVersion(), // 008 cache invalidation counter
        CreatePortfolio(),          // 009 projects, calls for projects, staged imports
        CreatePrioritization(),     // 010 criteria, rounds, ratings, scenarios, rankings, decisions
        CreateAuthEvents(),         // 011 sign-in events for the installation admins
        CreateInvitations(),        // 012 invitations to a municipality (link with a one-time secret)
        CreateLoginFailures(),      // 013 failed logins per name, client address and installation (throttle)
        AddSecondFactor(),          // 014 TOTP secret, recovery codes, pending login steps, municipality requirement
        AddEditVersions(),          // 015 edit versions (optimistic concurrency) and the version an audit event produced
        AddTokenExpiryAndScope(),   // 016 API tokens: expiry and read-only scope
        CreateDeviceCookies(),      // 017 device cookies: browsers exempt from the per-name login lock
        DropLoginThrottles(),       // 018 the first throttle's counter table, replaced by 013
        CreatePlanning(),           // 019 roadmap plans: capacities, project settings, results
        CreateMunicipalityEconomics(), // 020 hourly rates, interest rate and horizon of the cost-benefit analysis
        AddPlanFrontier(),          // 021 a plan's efficient frontier, computed by its background solve
        AddBenefitHours(),          // 022 project profiles: hours saved a year for citizens and businesses
        CreateProjectMonitoring(),  // 023 status reports, milestones, monitoring owner, calendar feed token
        CreateKPIs(),               // 024 KPIs of strategic goals and their measurements
        CreateUpdateCycles(),       // 025 update cycles, locked reporting periods, reminders to owners
        CreateMaturity(),           // 026 questionnaires, Quick-Check rounds, invitations, responses, Potenzialchecks
        CreateInventory(),          // 027 maturity model, IT systems (+ departments, projects), services, assessments
        CreateStrategyVersions(),   // 029 strategy versions: named, dated snapshots of the whole strategy
        CreateNewsletters(),        // 028 newsletter issues: drafts and published issues with their frozen digest
        CreatePortal(),             // 030 public transparency portal: settings, projects marked public
        AddTenantKeys(),            // 031 municipality_id in every tenant key (Citus-ready); installation audit events apart
        AddScaleIndexes(),          // 032 indexes the scale benchmark's query plans asked for (members of a municipality)
        AddRatingIndexes(),         // 033 ratings by round and change time (a round's data stamp), by round and rater
        AddResponseSequence(),      // 034 maturity_responses.seq: results add the answers that arrived since they were computed
        AddDependencyTenantIndex(), // 035 project_dependencies by municipality and project (round pages)
        AddCitusKeys(),             // 036 municipality_id in every tenant primary and unique key (PostgreSQL; Citus)
    ]
}
