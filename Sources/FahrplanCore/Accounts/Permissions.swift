/// Who may change what within a municipality. Reading needs any membership; the strategy team owns the
/// frame and the organisation; department leads edit what belongs to their own department.
public struct Permissions: Sendable, Equatable {
    public var role: MunicipalRole?
    public var isInstallationAdmin: Bool
    /// The department a department lead leads; items of this unit and its sub-units are theirs.
    public var ownDepartmentIDs: Set<String>

    public init(role: MunicipalRole?, isInstallationAdmin: Bool, ownDepartmentIDs: Set<String> = []) {
        self.role = role; self.isInstallationAdmin = isInstallationAdmin; self.ownDepartmentIDs = ownDepartmentIDs
    }

    public var canRead: Bool { role != nil || isInstallationAdmin }
    public var canEditFrame: Bool { role == .strategyTeam || isInstallationAdmin }
    public var canManageOrganisation: Bool { canEditFrame }
    public var canManageMembers: Bool { canEditFrame }
    public var canReadAudit: Bool { canEditFrame }

    /// A goal or program may be edited by its responsible department's lead, not only by the strategy team.
    public func canEdit(elementOf kind: StrategyElementKind, responsibleDepartmentID: String?) -> Bool {
        if canEditFrame { return true }
        guard role == .departmentLead, kind.hasResponsibleDepartment, let responsibleDepartmentID else { return false }
        return ownDepartmentIDs.contains(responsibleDepartmentID)
    }

    /// The strategy team bundles, merges, imports and moves projects through the whole workflow.
    public var canManagePortfolio: Bool { canEditFrame }

    /// Department leads submit and edit the profiles of their own units; the strategy team edits all.
    public func canEditProject(departmentID: String?) -> Bool {
        if canManagePortfolio { return true }
        guard role == .departmentLead, let departmentID else { return false }
        return ownDepartmentIDs.contains(departmentID)
    }

    /// The strategy team keeps the criteria catalog, runs prioritization rounds, scenarios and the decision log.
    public var canManagePrioritization: Bool { canEditFrame }

    /// Who may be named a rater of a round: everybody above a plain reader.
    public var canBeRater: Bool { (role ?? .reader) >= .rater || isInstallationAdmin }

    public func canMoveProject(from: ProjectStatus, to: ProjectStatus, departmentID: String?) -> Bool {
        guard from.canMove(to: to) else { return false }
        if canManagePortfolio { return true }
        return canEditProject(departmentID: departmentID) && from.departmentMayMove(to: to)
    }
}
