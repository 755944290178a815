import FahrplanCore
import Vapor

extension Application {
    private struct MunicipalCalendarKey: StorageKey { typealias Value = MunicipalCalendar }

    /// The one clock and calendar every rule about days reads ("today", deadlines, the import's year, the day
    /// in an export's name). `configure` sets the system clock; tests replace it with a fixed one.
    var municipalCalendar: MunicipalCalendar {
        get { storage[MunicipalCalendarKey.self] ?? MunicipalCalendar() }
        set { storage[MunicipalCalendarKey.self] = newValue }
    }
}

extension Request {
    /// The application's municipal calendar (see `Application.municipalCalendar`).
    var municipalCalendar: MunicipalCalendar { application.municipalCalendar }
}
