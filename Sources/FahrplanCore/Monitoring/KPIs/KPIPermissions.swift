/// Who may define KPIs and enter their measurements. A KPI belongs to a strategic goal, so whoever may edit the
/// goal (the strategy team, the lead of the goal's responsible unit) may define its KPIs; measurements may also be
/// entered by the KPI's named owner (Verantwortliche Person), whatever their role, since keeping the figure alive
/// is exactly their job.
extension Permissions {
    public func canManageKPIs(ofGoalWithResponsibleDepartmentID departmentID: String?) -> Bool {
        canEdit(elementOf: .goal, responsibleDepartmentID: departmentID)
    }

    public func canRecordMeasurements(ofGoalWithResponsibleDepartmentID departmentID: String?, isOwner: Bool) -> Bool {
        canManageKPIs(ofGoalWithResponsibleDepartmentID: departmentID) || (isOwner && canRead)
    }
}
