"""The portal's access request (AVG art. 15) says only that a medical file exists and where to ask
for it; the vault's content is never in it (issue 13 finding 3)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from openverzuim.medical.access_request import collect

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def test_the_export_points_to_the_medical_file_without_its_content(client, eva_user, filled_vault):
    client.force_login(eva_user)
    data = json.loads(client.get(reverse("portal:my_data_json")).content)
    part = data["parts"]["medical"]["data"]
    assert part["medical_file_held"] is True
    assert part["where_to_ask"] == reverse("medical:own_file")
    text = json.dumps(data)
    assert "Hernia" not in text and "herniated" not in text and "mri.pdf" not in text


def test_it_says_no_medical_file_is_held_for_anyone_else(anna, eva_user, filled_vault):
    assert collect(anna)["medical_file_held"] is False
    assert collect(eva_user)["medical_file_held"] is True
