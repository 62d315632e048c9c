"""A LOR-compatible API server with demo data, for the demo and the tests.

It shares no code with the dashboard: the two meet only over HTTP.
"""
