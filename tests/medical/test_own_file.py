"""The employee may read their own medical file (architecture.md rule 5); nobody else through it."""

from __future__ import annotations

import pytest

from openverzuim.medical.models import Correspondence
from openverzuim.medical.selectors import own_correspondence_file, own_medical_file

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def test_the_employee_reads_her_own_medical_file(filled_vault, eva_user, plain_note):
    own = own_medical_file(eva_user)
    assert [note.text for note in own.notes] == [plain_note]
    assert own.diagnoses[0].cas_code == "L86"
    assert len(own.analyses) == len(own.correspondence) == 1
    letter = own_correspondence_file(user=eva_user, item_id=filled_vault["correspondence"].pk)
    assert bytes(letter.file_content) == b"%PDF-1.4 MRI L5-S1"


@pytest.mark.parametrize("persona", ["anna", "bram", "carla", "finn", "dirk"])
def test_nobody_else_reads_it_as_their_own(request, filled_vault, persona):
    user = request.getfixturevalue(persona)
    assert not own_medical_file(user)
    with pytest.raises(Correspondence.DoesNotExist):
        own_correspondence_file(user=user, item_id=filled_vault["correspondence"].pk)
