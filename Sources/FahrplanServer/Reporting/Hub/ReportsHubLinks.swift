import Vapor

/// The hub's links to the other reporting parts (newsletter, strategy versions, portal settings), each added
/// here once its pages exist.
enum ReportsHubLinks {
    static func more(slug: String, req: Request) -> [ReportsHubController.Entry] {
        []
    }
}
