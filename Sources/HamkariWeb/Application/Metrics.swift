import Metrics
import Prometheus

/// The process's one metrics registry. `MetricsSystem` can be bootstrapped once per process,
/// so the first use does it; every application built after that (tests build many) shares it.
public let prometheusRegistry: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}()
