"""The REST API's shared parts (authentication, permissions, pagination, errors, schema,
throttling, API tokens) and the event's own endpoints. Each app's endpoints live in its api/
package; conference/urls.py assembles /api/v1/."""
