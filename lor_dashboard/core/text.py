def plural(n: int, word: str) -> str:
    """ "1 favorite", "3 favorites" for messages."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
