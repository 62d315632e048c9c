def signed_in_user(request):
    # "framed": opened inside Canvas (an LTI launch into its iframe): a compact header, no second brand.
    lti = request.session.get("lti") if getattr(request, "lor_user", None) is not None else None
    return {"lor_user": getattr(request, "lor_user", None),
            "framed": bool(isinstance(lti, dict) and lti.get("framed"))}
