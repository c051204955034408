import ServiceLifecycle

/// Runs `body` every `interval` until the server shuts down gracefully: the loop of every
/// background duty (audit checkpoints, the key watch, escalations).
func repeatUntilShutdown(every interval: Duration, _ body: @escaping @Sendable () async -> Void) async {
    try? await cancelWhenGracefulShutdown {
        while !Task.isCancelled {
            try await Task.sleep(for: interval)
            await body()
        }
    }
}
