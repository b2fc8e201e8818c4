"""The vault's personas and records: Dirk verified with a TOTP device, a second physician at an
arbodienst that does not serve the bakery, and a filled vault for Eva's case."""

from __future__ import annotations

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.medical import services
from tests.conftest import arbodienst_serving

PLAIN_NOTE = "Eva reports a herniated disc; physiotherapy twice a week."


@pytest.fixture
def plain_note() -> str:
    return PLAIN_NOTE


def _log_in_verified(client, user: User):
    """Log `user` in as if they had entered a valid TOTP code (django_otp.login)."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def log_in_verified():
    return _log_in_verified


@pytest.fixture
def dirk_client(client, dirk):
    return _log_in_verified(client, dirk)


@pytest.fixture
def zuidwest(installer) -> Organisation:
    """Another arbodienst, serving the installer, not the bakery."""
    return arbodienst_serving(installer, "Arbodienst Zuidwest")


@pytest.fixture
def olga(zuidwest) -> User:
    """The physician of Arbodienst Zuidwest: the vault of the bakery's cases is not hers."""
    user = User.objects.create_user("olga", "olga@example.nl", "secret-password-1")
    Membership.objects.create(user=user, organisation=zuidwest, role=Role.OCCUPATIONAL_PHYSICIAN)
    return user


@pytest.fixture
def filled_vault(eva_sick, dirk, today):
    """One record of every kind in Eva's vault, and one release to the employer."""
    case = eva_sick
    return {
        "note": services.note_add(
            case=case, author=dirk, today=today, consulted_on=today, text=PLAIN_NOTE
        ),
        "analysis": services.analysis_add(
            case=case,
            author=dirk,
            today=today,
            analysed_on=today,
            text="Lumbar radiculopathy, prognosis favourable.",
        ),
        "diagnosis": services.diagnosis_add(
            case=case,
            author=dirk,
            today=today,
            diagnosed_on=today,
            cas_code="L86",
            text="Hernia nuclei pulposi L5-S1",
        ),
        "correspondence": services.correspondence_add(
            case=case,
            author=dirk,
            today=today,
            dated=today,
            correspondent="Dr. Jansen, neurologist",
            text="MRI report",
            file_name="mri.pdf",
            file_content=b"%PDF-1.4 MRI L5-S1",
        ),
        "release": services.release_add(
            case=case,
            author=dirk,
            today=today,
            released_on=today,
            limitations="No lifting above 5 kg; no standing longer than one hour.",
            possibilities="Counter work seated, four hours a day.",
            expected_duration="About eight weeks",
            work_advice="A high stool at the counter.",
        ),
    }
