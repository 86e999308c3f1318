"""The REST API (/api/v1/): thin DRF views over the apps' selectors, services and rules."""
