"""HTTP: the public portal pages, the JSON API and the health probes."""
