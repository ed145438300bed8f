"""One way to say how far work got and to stop it: a Cancel on one thread stops work on another."""

from __future__ import annotations

import threading

import pytest

from shopcards.core.errors import Cancelled, ShopError
from shopcards.core.progress import CancelToken, Progress, tell, worded


def test_a_cancel_from_another_thread_stops_the_work_at_its_next_step() -> None:
    shown: list[Progress] = []
    token = CancelToken(shown.append)
    stopped_at: list[int] = []

    def work() -> None:
        try:
            for done in range(1, 1_000_000):
                tell(token, done, 1_000_000)
                if done == 3:
                    threading.Thread(target=token.cancel).start()
                    threading.Event().wait(0.2)
        except Cancelled:
            stopped_at.append(shown[-1].done)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(5)
    assert stopped_at == [4]  # the step under way when Cancel came is still shown
    assert token.cancelled


def test_cancelled_is_a_shop_error_with_a_message_for_a_person() -> None:
    token = CancelToken()
    token.check()  # not cancelled: goes on
    token.cancel()
    with pytest.raises(ShopError, match="Cancelled: nothing was kept"):
        token.check()


def test_worded_lets_the_caller_say_what_is_counted() -> None:
    shown: list[Progress] = []
    report = worded(shown.append, lambda step: f"Drawing letter {step.done} of {step.total}…")
    tell(report, 3, 200)
    tell(None, 4, 200)  # no report: nobody is told, nothing fails
    assert shown == [Progress(3, 200, "Drawing letter 3 of 200…")]
