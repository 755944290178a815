import Foundation
import Vapor

extension Application {
    private struct ConfigurationKey: StorageKey { typealias Value = AppConfiguration }

    var fahrplanConfiguration: AppConfiguration {
        get { storage[ConfigurationKey.self] ?? AppConfiguration(database: .sqlite(path: AppConfiguration.defaultSQLiteFile)) }
        set { storage[ConfigurationKey.self] = newValue }
    }
}

/// Where templates, static files and the OpenAPI document live: inside the package's resource bundle,
/// so the binary works from any working directory.
public enum FahrplanResources {
    public static var directory: String {
        let root = Bundle.module.bundleURL
        return root.path.hasSuffix("/") ? root.path : root.path + "/"
    }
}
