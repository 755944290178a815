// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "fahrplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fahrplan", targets: ["fahrplan"]),
        .library(name: "FahrplanCore", targets: ["FahrplanCore"]),
        .library(name: "FahrplanServer", targets: ["FahrplanServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.24.0"),
        // HMAC-SHA-1 for one-time codes; already in the tree through Vapor, named so the core can use it.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        // The SMTP client (Sources/FahrplanServer/Mail) speaks TCP and TLS itself; both already in the tree through Vapor.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        // The committee report's DOCX (Office Open XML is a ZIP of XML parts); Sources/FahrplanCore/Reporting/DOCX.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // /metrics (Sources/FahrplanServer/Metrics): counters through swift-metrics, Prometheus text from swift-prometheus.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(name: "FahrplanCore", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(
            name: "FahrplanServer",
            dependencies: [
                "FahrplanCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "fahrplan",
            dependencies: [
                "FahrplanServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "fahrplan-bench", dependencies: ["FahrplanCore"], path: "benchmarks/Sources/fahrplan-bench"),
        .testTarget(name: "FahrplanCoreTests", dependencies: ["FahrplanCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "FahrplanServerTests",
            dependencies: [
                "FahrplanServer",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
