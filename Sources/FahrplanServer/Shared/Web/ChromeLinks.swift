import FahrplanCore

extension Chrome {
    /// The frame's links that belong to no municipality, from the route table (templates do not spell paths).
    struct SiteLinks: Encodable {
        var home = SiteURL.home.path
        var login = SiteURL.login.path
        var loginCode = SiteURL.loginCode.path
        var logout = SiteURL.logout.path
        var account = SiteURL.account().path
        var accountLanguage = SiteURL.account(.language).path
        var accountPassword = SiteURL.account(.password).path
        var accountTokens = SiteURL.account(.tokens).path
        var mfa = SiteURL.account(.mfa).path
        var mfaConfirm = SiteURL.account(.mfaConfirm).path
        var mfaRecoveryCodes = SiteURL.account(.mfaRecoveryCodes).path
        var mfaDisable = SiteURL.account(.mfaDisable).path
        var admin = SiteURL.admin(.municipalities).path
        var adminAccounts = SiteURL.admin(.accounts).path
        var disableAccount = SiteURL.admin(.disableAccount).path
        var enableAccount = SiteURL.admin(.enableAccount).path
        var authEvents = SiteURL.admin(.authEvents).path
    }

    /// The main navigation of a municipality's pages.
    struct MunicipalityLinks: Encodable {
        var strategy, principles, fieldsOfAction, goals, programs: String
        var projects, calls, prioritization, decisions, departments, members, audit: String
        var costBenefit: String
        var plans: String
        var monitoring, kpis, cycles: String
        var maturity: String
        var inventory: String
        var reports: String

        init(slug: String) {
            func link(_ page: MunicipalityPage) -> String { SiteURL.municipality(slug, page).path }
            strategy = link(.overview)
            principles = link(.elements(.principle))
            fieldsOfAction = link(.elements(.fieldOfAction))
            goals = link(.elements(.goal))
            programs = link(.elements(.program))
            projects = link(.projects())
            calls = link(.calls())
            prioritization = link(.prioritization())
            decisions = link(.decisions())
            departments = link(.departments())
            members = link(.members())
            audit = link(.audit)
            costBenefit = link(.costBenefit())
            plans = link(.plans())
            monitoring = link(.monitoring())
            kpis = link(.kpis())
            cycles = link(.updateCycles())
            maturity = link(.maturity())
            inventory = link(.inventory())
            reports = link(.reports())
        }
    }
}
