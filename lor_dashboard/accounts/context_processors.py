def signed_in_user(request):
    return {"lor_user": getattr(request, "lor_user", None)}
