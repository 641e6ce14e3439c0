"""The soak benchmark's verdict (issue #16), on made-up runs: no browser, no app."""

from __future__ import annotations

import pytest

from bench.soak import SoakRun, replies_no_slower, soak_runs, summary


def a_run(first: float, last: float, fresh: list[float] | None = None) -> SoakRun:
    """A 100-change soak whose first 50 replies take ``first`` s and last 50 ``last`` s."""
    return SoakRun(
        heap_mb={0: 40.0, 100: 41.0},
        replies_s=[first] * 50 + [last] * 50,
        markers=[250, 30],
        groups={0: 4, 100: 4},
        fresh_replies_s=fresh or [],
    )


def test_without_a_fresh_tab_the_last_replies_are_judged_against_the_first() -> None:
    assert replies_no_slower([0.20] * 50, [0.21] * 50, [])
    assert not replies_no_slower([0.20] * 50, [0.30] * 50, [])


def test_a_fresh_tab_in_the_same_minutes_is_the_reference_when_there_is_one() -> None:
    # the machine got slower in between: both tabs are slow now, the soaked one no slower
    assert replies_no_slower([0.20] * 50, [0.30] * 50, [0.29] * 50)
    # the soaked tab is slower than a fresh one at the same time: not ok, whatever came first
    assert not replies_no_slower([0.40] * 50, [0.30] * 50, [0.20] * 50)


def test_only_the_last_changes_made_beside_the_fresh_tab_are_compared() -> None:
    last = [0.50] * 30 + [0.20] * 20  # 20 fresh-tab changes, made beside the last 20
    assert replies_no_slower([0.20] * 50, last, [0.20] * 20)


def test_no_last_replies_is_never_ok() -> None:
    assert not replies_no_slower([0.20] * 50, [], [0.20] * 50)


def test_summary_reports_the_fresh_tab_and_judges_on_it() -> None:
    row = summary(a_run(0.20, 0.30, fresh=[0.29] * 50), 100)
    assert row["reply_s_median_fresh_tab"] == 0.29
    assert row["reply_ratio_last_50_to_fresh_tab"] == round(0.30 / 0.29, 3)
    assert row["reply_s_median_first_50"] == 0.2 and row["reply_s_median_last_50"] == 0.3
    assert row["ok"] is True
    slower = summary(a_run(0.20, 0.30, fresh=[0.20] * 50), 100)
    assert slower["ok"] is False


def test_summary_without_a_fresh_tab_has_no_fresh_figures() -> None:
    row = summary(a_run(0.20, 0.20), 100)
    assert row["reply_s_median_fresh_tab"] is None
    assert row["reply_ratio_last_50_to_fresh_tab"] is None
    assert row["ok"] is True


def test_summary_fails_a_heap_that_grew_more_than_a_tenth() -> None:
    run = a_run(0.20, 0.20, fresh=[0.20] * 50)
    run.heap_mb = {0: 40.0, 100: 44.5}
    assert summary(run, 100)["ok"] is False


def test_summary_states_the_heap_over_a_fresh_tab_loaded_and_changed_beside_it() -> None:
    run = a_run(0.20, 0.20, fresh=[0.20] * 50)
    run.heap_mb = {0: 40.0, 100: 45.0}
    run.fresh_heap_mb = {0: 39.5, 50: 44.0}
    row = summary(run, 100)
    assert row["fresh_tab_heap_mb_after_gc"] == {"0": 39.5, "50": 44.0}
    assert row["heap_mb_over_fresh_tab"] == {"0": 5.5, "50": 1.0}


def test_the_benchmark_soaks_both_controls_and_the_filter_once_without_compiled_code() -> None:
    assert soak_runs({}) == [("program", "jit"), ("belts", "jit"), ("program", "jitless")]
    assert soak_runs({"KCA_SOAK_ENGINES": "jitless"}) == [
        ("program", "jitless"),
        ("belts", "jitless"),
    ]
    assert soak_runs({"KCA_SOAK_CONTROLS": "belts"}) == [("belts", "jit")]


def test_an_unknown_control_or_engine_is_named_with_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match=r"engine 'nojit'.*engines: jit, jitless"):
        soak_runs({"KCA_SOAK_ENGINES": "jit,nojit"})
    with pytest.raises(ValueError, match=r"control 'zoom'.*controls: program, belts"):
        soak_runs({"KCA_SOAK_CONTROLS": "zoom"})


def test_summary_names_its_engine_and_the_growth_in_percent() -> None:
    row = summary(a_run(0.2, 0.2), 100, "program", "jitless")
    assert row["engine"] == "jitless"
    assert row["heap_growth_pct"] == 2.5  # 40.0 -> 41.0 MiB
