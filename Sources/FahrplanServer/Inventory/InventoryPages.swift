extension MunicipalityPage {
    /// `/m/:m/inventory/…`: the inventory overview, IT systems and administrative services.
    enum InventoryPage: String, FixedPages {
        case overview = ""
        case systems
        case newSystem = "systems/new"
        case exportSystems = "systems/export"
        case services
        case newService = "services/new"
        case exportServices = "services/export"
        /// The CSV upload (GET form, POST check or import).
        case `import`
        /// The municipality's maturity model (strategy team).
        case model
    }

    /// `/m/:m/inventory/systems/:system/…`
    enum ITSystemPage: String, FixedPages {
        case show = ""
        case edit, archive, restore, history
    }

    /// `/m/:m/inventory/services/:service/…`
    enum AdministrativeServicePage: String, FixedPages {
        case show = ""
        case edit, archive, restore, history
    }
}
