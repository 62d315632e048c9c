from django.conf import settings


def upstream_links(request):
    """Where resources live in Commons (``{LOR_BASE_URL}/resources/{id}``)."""
    return {"lor_base_url": settings.LOR_BASE_URL}
