extension MunicipalityPage {
    /// `/m/:m/inventory/…`: the inventory overview, IT systems and administrative services.
    enum InventoryPage: String, FixedPages {
        case overview = ""
        case systems
        case newSystem = "systems/new"
        case services
        case newService = "services/new"
    }

    /// `/m/:m/inventory/systems/:system/…`
    enum ITSystemPage: String, FixedPages {
        case show = ""
        case edit
    }

    /// `/m/:m/inventory/services/:service/…`
    enum AdministrativeServicePage: String, FixedPages {
        case show = ""
        case edit
    }
}
