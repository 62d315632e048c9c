"""Which views are open to signed-out visitors (the sign-in wall in ``accounts`` reads the mark)."""


def public(view):
    """Mark a view as open to signed-out visitors."""
    view.lor_public = True
    return view
