"""Values inside right-to-left sentences: a number, an amount or a name kept in its own order.

In a Hebrew sentence, a card number, a phone number or an amount like "€12.50" next to
punctuation is laid out by the Unicode bidi algorithm with the Hebrew around it, and its parts
can come out in the wrong order ("12.50€-" or a phone's groups swapped). First Strong Isolate
(U+2068) … Pop Directional Isolate (U+2069) around the value lays it out on its own, as
written. In a left-to-right language the value is left as it is, so English text is unchanged.
"""

from __future__ import annotations

from shopcards.core import i18n

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolated(value: object) -> str:
    """``value`` as text, isolated from the words around it when the window reads right to
    left; put around every value filled into a sentence that may be Hebrew."""
    text = str(value)
    if not text or not i18n.right_to_left():
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
