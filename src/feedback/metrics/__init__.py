"""Prometheus metrics (``/metrics``, the workers' exporter) and the scheduler's heartbeat for ``/readyz``."""
