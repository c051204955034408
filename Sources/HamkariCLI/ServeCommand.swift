import ArgumentParser
import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import HamkariWeb
import Hummingbird

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Unlock the instance and run the web server (pages and JSON API) until interrupted.",
        discussion: """
            The keys are unlocked at start with --passphrase-file, HAMKARI_PASSPHRASE, --key-file or a typed \
            passphrase; a locked instance does not start. SIGINT or SIGTERM stops it gracefully.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Option(help: "Address to listen on. Keep 127.0.0.1 unless a TLS proxy stands in front.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port: Int = 8080

    @Option(name: .customLong("trusted-proxy"),
            help: "Address of a reverse proxy in front (repeatable): its X-Forwarded-For is used to throttle sign-in per client.")
    var trustedProxies: [String] = []

    @Option(name: .customLong("evidence-limit-mb"), help: "The largest evidence file accepted, in MiB.")
    var evidenceLimit = 100

    @Option(help: "SMTP relay for alerts, as smtp://HOST:PORT (a local MTA or one on a private network).")
    var smtp: String?

    @Option(name: .customLong("smtp-from"), help: "The sender address of alerts.")
    var smtpFrom = "hamkari@localhost"

    @Option(help: "URL of an SMS or messaging gateway: alerts are POSTed to it as JSON {kind, to, text}.")
    var webhook: String?

    @Option(name: .customLong("escalation-interval"), help: "How often missed check-ins are looked for, in seconds.")
    var escalationInterval = 30
    @Option(name: .customLong("disclosure-threshold"),
            help: "Aggregates shown to partners or published hold back counts below this (default 5).")
    var disclosureThreshold = DisclosureControl.defaultThreshold

    @Flag(help: "Demonstration mode: invented data, and a root key kept unprotected beside the data. Never for real records.")
    var demo = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
        guard (1...4096).contains(evidenceLimit) else { throw ValidationError("--evidence-limit-mb must be between 1 and 4096.") }
        guard (1...3600).contains(escalationInterval) else { throw ValidationError("--escalation-interval must be between 1 and 3600 seconds.") }
        guard (2...100).contains(disclosureThreshold) else { throw ValidationError("--disclosure-threshold must be between 2 and 100.") }
        if let smtp, SMTPMailer(url: smtp, from: smtpFrom) == nil {
            throw ValidationError("--smtp must look like smtp://HOST:PORT, and --smtp-from must be an e-mail address.")
        }
        if let webhook, URL(string: webhook)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--webhook must be an http:// or https:// URL.")
        }
    }

    func run() async throws {
        let logger = store.logger("hamkari")
        let opened = demo ? try await Instance.openDemo(store, logger: logger) : try await Instance.open(store, unlock: try unlock.method(), logger: logger)
        try await opened.closing { instance in
            if demo { try await Instance.announceDemo(instance) }
            var configuration = AppConfiguration(host: host, port: port, database: store.location, demo: demo,
                                                 logLevel: logger.logLevel)
            configuration.trustedProxies = Set(trustedProxies)
            configuration.evidenceSizeLimit = evidenceLimit << 20
            configuration.keyEnvelope = KeyDirectory(dataDirectory: store.dataDirectoryURL).envelopeFile
            configuration.channels = MessageChannels(smtp: smtp.flatMap { SMTPMailer(url: $0, from: smtpFrom) }, webhook: webhook.flatMap(URL.init(string:)))
            configuration.escalationInterval = .seconds(escalationInterval)
            configuration.disclosureThreshold = disclosureThreshold
            let app = try await buildApplication(configuration: configuration, store: instance, logger: logger)
            logger.info("serving", metadata: ["address": "http://\(host):\(port)", "database": .string(store.location.redacted)])
            try await app.runService()
        }
    }
}
