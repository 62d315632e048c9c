def request_id(request):
    """Shown on error pages as "Reference: …", so a report leads to the log lines."""
    return {"request_id": getattr(request, "request_id", "")}
