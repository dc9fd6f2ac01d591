"""Concurrent registrations never exceed the capacity (PostgreSQL: real parallel transactions)."""

import re
import threading
import time

import pytest
from django.db import connection, connections

from events import services
from events.models import Registration, RegistrationStatus

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.postgres]

THREADS = 8


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite's in-memory test database cannot run parallel transactions "
            "(run with DATABASE_URL=postgres://...)"
        )
    from audit.content import ensure_root

    ensure_root()  # an earlier transactional test may have flushed the rows Wagtail's migrations create


def register_from_threads(event, count):
    """Start `count` registrations at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(count)
    errors = []

    def worker(number):
        try:
            barrier.wait(timeout=30)
            services.register(
                event.pk, services.RegistrationData(name=f"Person {number}", email=f"person{number}@example.no")
            )
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the race window: every count of confirmed places waits a little before the decision is made."""
    real_count = services.count_confirmed

    def slow(event, attendance):
        result = real_count(event, attendance)
        time.sleep(0.5)
        return result

    monkeypatch.setattr(services, "count_confirmed", slow)


def test_parallel_registrations_never_exceed_capacity(open_event, slow_count):
    open_event.capacity = 3
    open_event.save()

    errors = register_from_threads(open_event, THREADS)

    assert errors == []
    statuses = list(Registration.objects.filter(event=open_event).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 3
    assert statuses.count(RegistrationStatus.WAITING) == THREADS - 3
    waiting = Registration.objects.waiting().filter(event=open_event)
    assert [registration.waiting_position() for registration in waiting] == list(range(1, THREADS - 2))


def test_without_the_lock_the_same_load_oversells(open_event, slow_count, monkeypatch):
    """Shows that the test above can fail: with the event lock removed, the threads race."""
    monkeypatch.setattr(services, "lock_event", lambda event_id: services.EventPage.objects.get(pk=event_id))
    open_event.capacity = 3
    open_event.save()

    errors = register_from_threads(open_event, THREADS)

    # Without the lock the threads race: they oversell, or the unique order of arrival refuses people who
    # registered correctly (and their registration is lost).
    confirmed = Registration.objects.filter(event=open_event, status=RegistrationStatus.CONFIRMED).count()
    assert confirmed > 3 or errors


def test_parallel_duplicates_give_one_registration(open_event):
    barrier = threading.Barrier(4)
    outcomes = []

    def worker():
        try:
            barrier.wait(timeout=30)
            services.register(open_event.pk, services.RegistrationData(name="Kari", email="KARI@example.no"))
            outcomes.append("ok")
        except services.RegistrationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(outcomes) == ["duplicate", "duplicate", "duplicate", "ok"]
    assert Registration.objects.filter(event=open_event).count() == 1


RACE = 40
RACE_CAPACITY = 5


def test_a_40_way_race_keeps_the_waiting_list_in_arrival_order_and_mails_the_right_positions(
    open_event, monkeypatch, mailoutbox
):
    """Issue 18, finding 5: 40 people register at once for 5 places.

    "Arrival" is the moment a registration holds the event lock (the lock serialises them); every waiting person's
    place on the list follows that order, and every e-mail tells the position the database holds after commit.
    """
    open_event.capacity = RACE_CAPACITY
    open_event.save()
    arrivals = []
    arrivals_lock = threading.Lock()
    real_lock_event = services.lock_event
    real_count = services.count_confirmed

    def recording_lock(event_id):
        event = real_lock_event(event_id)
        with arrivals_lock:
            arrivals.append(threading.current_thread().name)
        return event

    def slow_count(event, attendance):
        # Widen the window between taking the lock and writing the row.
        result = real_count(event, attendance)
        time.sleep(0.01)
        return result

    monkeypatch.setattr(services, "lock_event", recording_lock)
    monkeypatch.setattr(services, "count_confirmed", slow_count)
    barrier = threading.Barrier(RACE)
    errors = []

    def worker(number):
        try:
            barrier.wait(timeout=30)
            # Taken before the lock, as a slow request would: must not decide the order.
            time.sleep((number % 7) * 0.003)
            services.register(
                open_event.pk, services.RegistrationData(name=f"Person {number}", email=f"person{number}@example.no")
            )
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,), name=f"person{n}@example.no") for n in range(RACE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    assert errors == []
    registrations = list(Registration.objects.filter(event=open_event))
    confirmed = [r.email for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    waiting = list(Registration.objects.waiting().filter(event=open_event))
    assert len(confirmed) == RACE_CAPACITY, "oversold or undersold"
    assert len(waiting) == RACE - RACE_CAPACITY
    # The first five to hold the lock got the places; everyone else waits in the order they held it.
    assert sorted(confirmed) == sorted(arrivals[:RACE_CAPACITY])
    assert [r.email for r in waiting] == arrivals[RACE_CAPACITY:]
    assert [r.waiting_position() for r in waiting] == list(range(1, RACE - RACE_CAPACITY + 1))
    # Every waiting person was told their own position, and each position went to exactly one person.
    told = {}
    for message in mailoutbox:
        match = re.search(r"ventelisten som nummer (\d+)", message.body)
        if match:
            told[message.to[0]] = int(match.group(1))
    assert told == {r.email: r.waiting_position() for r in waiting}
