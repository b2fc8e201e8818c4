"""The API's representations: also the schema of the whole-organisation export, which should
reuse these (one representation per resource). None of them has a medical field: the dossier has
none (cases.models.Case), and the physician's advice comes only through medical.disclosures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import serializers

# What the mixin below is mixed into, for the type checker; at run time it stays a plain mixin.
if TYPE_CHECKING:

    class _Serializer(serializers.Serializer): ...
else:
    _Serializer = object

from openverzuim.accounts.models import Department, Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases.medical_guard import MedicalTextGuardMixin, medical_terms_in
from openverzuim.cases.models import (
    Case,
    Duty,
    Employee,
    EmployeeInvitation,
    Employment,
    Event,
    EventKind,
    LeavePeriod,
    SicknessPeriod,
    Task,
    WageMeasure,
    WorkResumption,
)
from openverzuim.cases.tasks import FOLLOWED_UP
from openverzuim.core.forms import validate_date_range
from openverzuim.core.uploads import file_size_problem
from openverzuim.documents.models import Document, DocumentVersion, Signature, UploadedFile
from openverzuim.documents.report import ITEMS as REPORT_ITEMS
from openverzuim.measures.models import ExpertOpinionRequest


class Bounded(_Serializer):
    """Every date field holds the project's bounds (core.forms): a year 9999 is a 400 naming the
    field, not a date overflow in the service."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            if isinstance(field, serializers.DateField) and not field.read_only:
                field.validators.append(validate_date_range)
        return fields


class MedicalTextGuard(serializers.Serializer):
    """The pages' warning on employer-side free text that looks medical (core.forms'
    MedicalTextGuardMixin, same words, same message): refused, naming the field, unless
    `confirm_not_medical` is true."""

    medical_guard_fields: tuple[str, ...] = ()
    confirm_not_medical = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="The client checked: the text holds no medical information.",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.pop("confirm_not_medical", False):
            return attrs
        errors = {}
        for name in self.medical_guard_fields:
            terms = medical_terms_in(attrs.get(name) or "")
            if terms:
                errors[name] = [
                    MedicalTextGuardMixin.medical_guard_message
                    % {"terms": ", ".join(terms), "field": name}
                ]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "kvk_number", "parent", "served_by"]


class RoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["organisation", "role"]


class UserSerializer(serializers.ModelSerializer):
    """A person with a role the key may grant in its organisation, and those roles only."""

    roles = RoleSerializer(source="granted", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "first_name", "last_name", "email", "is_active", "roles"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "organisation", "name"]


class EmployeeSerializer(Bounded, serializers.ModelSerializer):
    """The BSN is written in full and read masked, as the pages show it."""

    bsn = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=9)
    masked_bsn = serializers.CharField(read_only=True)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.none(), required=False, allow_null=True
    )

    class Meta:
        model = Employee
        fields = [
            "id",
            "organisation",
            "department",
            "employee_number",
            "first_name",
            "last_name",
            "work_email",
            "work_phone",
            "street",
            "postcode",
            "city",
            "date_of_birth",
            "bsn",
            "masked_bsn",
            "user",
            "created_at",
        ]
        read_only_fields = ["organisation", "user", "created_at"]
        validators: list = []  # (organisation, number) is unique: the service's full_clean says so

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["department"].queryset = departments


class EmploymentSerializer(Bounded, serializers.ModelSerializer):
    class Meta:
        model = Employment
        fields = [
            "id",
            "employee",
            "start",
            "end",
            "fixed_term",
            "contract_hours",
            "fulltime_hours",
            "wage",
            "wage_period",
            "sick_pay_year1_percent",
            "sick_pay_year2_percent",
            "waiting_days",
        ]
        read_only_fields = ["employee"]


class SicknessPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = SicknessPeriod
        fields = ["start", "end"]


class WorkResumptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkResumption
        fields = ["start", "hours_per_week", "kind"]


class CaseSerializer(serializers.ModelSerializer):
    """What every role that may view a case sees (the reduced view of the case page)."""

    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    periods = SicknessPeriodSerializer(many=True, read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "organisation",
            "employee",
            "employee_name",
            "is_open",
            "periods",
            "next_due_on",
            "next_due_milestone",
            "closed_on",
            "created_at",
        ]
        read_only_fields = fields


class CaseDetailSerializer(CaseSerializer):
    """The full case, for roles the policy grants "view_details" on it."""

    resumptions = WorkResumptionSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "employment",
            "case_manager",
            "contact_phone",
            "care_address",
            "expected_duration",
            "appointments_and_work",
            "safety_net",
            "work_accident",
            "liable_third_party",
            "voluntary_extension_weeks",
            "wage_sanction_weeks",
            "wage_sanction_repair_confirmed_on",
            "resumptions",
        ]
        read_only_fields = fields


class SickReportSerializer(Bounded, MedicalTextGuard):
    """The sick report: what the employer may register (law.md §8.1), nothing medical."""

    medical_guard_fields = ("appointments_and_work",)

    employee = serializers.PrimaryKeyRelatedField(queryset=Employee.objects.none())
    first_sick_day = serializers.DateField()
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    care_address = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    expected_duration = serializers.ChoiceField(Case.ExpectedDuration.choices, required=False)
    appointments_and_work = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    safety_net = serializers.BooleanField(required=False)
    work_accident = serializers.BooleanField(required=False)
    liable_third_party = serializers.BooleanField(required=False)

    def __init__(self, *args, employees=None, **kwargs):
        super().__init__(*args, **kwargs)
        if employees is not None:
            self.fields["employee"].queryset = employees


class SickReportResultSerializer(serializers.Serializer):
    case = CaseDetailSerializer()
    joined = serializers.BooleanField(help_text="Joined an earlier case (BW 7:629 lid 10).")
    fit_days = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()


class RecoverySerializer(Bounded, serializers.Serializer):
    recovered_on = serializers.DateField(help_text="The first fit day.")


class EventSerializer(Bounded, MedicalTextGuard, serializers.ModelSerializer):
    medical_guard_fields = ("note",)
    kind = serializers.ChoiceField(EventKind.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "case",
            "kind",
            "date",
            "note",
            "document_url",
            "recorded_at",
            "replaces",
            "active",
            "withdrawn_at",
            "withdrawal_reason",
            "confirm_not_medical",
        ]
        read_only_fields = ["case", "recorded_at", "replaces", "withdrawn_at", "withdrawal_reason"]


class TaskSerializer(Bounded, serializers.ModelSerializer):
    """A task on the case (cases/tasks.py): what, by when, for whom. The assignee is a user id of
    someone who works on the case; the title is refused when it looks medical, as on the page."""

    title = serializers.CharField(max_length=200)
    assignee = serializers.IntegerField(source="assignee_id", min_value=1, max_value=2**53)

    class Meta:
        model = Task
        fields = [
            "id",
            "case",
            "title",
            "due",
            "assignee",
            "status",
            "created_at",
            "closed_on",
            "lock_version",
        ]
        read_only_fields = ["case", "status", "created_at", "closed_on", "lock_version"]


class LeaveSerializer(Bounded, serializers.ModelSerializer):
    """Pregnancy and maternity leave (WAZO) between sickness periods: not counted as fit days."""

    class Meta:
        model = LeavePeriod
        fields = ["id", "case", "kind", "start", "end"]
        read_only_fields = ["case", "kind"]


class UploadSerializer(serializers.ModelSerializer):
    """A file from outside filed in the case by the employer side (its bytes: `file_url`)."""

    file_url = serializers.SerializerMethodField()

    class Meta:
        model = UploadedFile
        fields = [
            "id",
            "case",
            "kind",
            "description",
            "report_item",
            "original_name",
            "content_type",
            "size",
            "uploaded_at",
            "file_url",
        ]

    def get_file_url(self, upload: UploadedFile) -> str:
        return f"/api/v1/cases/{upload.case_id}/uploads/{upload.pk}/file/"


class UploadCreateSerializer(MedicalTextGuard):
    """A file from outside sent as multipart/form-data, with the upload page's fields and checks
    (documents.forms.UploadForm): its type judged by its content, at most 10 MB, a description
    that looks medical refused unless confirmed."""

    medical_guard_fields = ("description",)
    kind = serializers.ChoiceField(UploadedFile.Kind.choices)
    description = serializers.CharField(required=False, allow_blank=True, max_length=300)
    report_item = serializers.ChoiceField(
        [letter for letter, *_rest in REPORT_ITEMS], required=False, allow_blank=True
    )
    file = serializers.FileField()

    def validate_file(self, upload):
        problem = file_size_problem(upload.size)  # before reading it into memory
        if problem:
            raise serializers.ValidationError(problem)
        return upload


class DutySerializer(serializers.ModelSerializer):
    employee_name = serializers.CharField(source="case.employee.full_name", read_only=True)
    overdue = serializers.BooleanField(read_only=True)
    party = serializers.CharField(source="rule.party", read_only=True)
    basis = serializers.CharField(source="rule.cited_as", read_only=True)

    class Meta:
        model = Duty
        fields = [
            "id",
            "case",
            "employee_name",
            "milestone",
            "due",
            "window_start",
            "status",
            "overdue",
            "assignee",
            "party",
            "basis",
        ]
        read_only_fields = fields


class AdviceSerializer(serializers.Serializer):
    """The physician's released advice (medical.disclosures.Disclosure): what the employer may
    know, never the vault."""

    release_id = serializers.IntegerField()
    case_id = serializers.IntegerField()
    released_on = serializers.DateField()
    limitations = serializers.CharField()
    possibilities = serializers.CharField()
    expected_duration = serializers.CharField()
    work_advice = serializers.CharField()
    author_name = serializers.CharField()
    corrects_released_on = serializers.DateField(allow_null=True)


class SignatureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signature
        fields = ["party", "role", "signed_at", "signed_on", "content_sha256"]
        read_only_fields = fields


class DocumentVersionSerializer(serializers.ModelSerializer):
    signatures = SignatureSerializer(many=True, read_only=True)

    class Meta:
        model = DocumentVersion
        fields = [
            "number",
            "reason",
            "created_at",
            "signed_on",
            "copy_to_employee_on",
            "content_sha256",
            "signatures",
        ]
        read_only_fields = fields


class DocumentSerializer(serializers.ModelSerializer):
    """A document's metadata and its versions; the PDF of each at its `pdf` address."""

    title = serializers.CharField(source="spec.title", read_only=True)
    versions = DocumentVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "case", "type_code", "title", "created_at", "versions"]
        read_only_fields = fields


class WageMeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = WageMeasure
        fields = [
            "id",
            "case",
            "kind",
            "ground",
            "cause_known_on",
            "employee_told_on",
            "written_warning_on",
            "rules_in_writing",
            "start",
            "end",
            "complied_on",
            "note",
            "recorded_at",
        ]
        read_only_fields = fields


class ExpertOpinionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertOpinionRequest
        fields = [
            "id",
            "case",
            "requester",
            "question",
            "for_dismissal",
            "requested_on",
            "fee",
            "opinion_on",
            "outcome",
            "note",
            "recorded_at",
        ]
        read_only_fields = fields


class GrantedRoleSerializer(serializers.ModelSerializer):
    """A role someone holds in the key's organisation, one the key may grant (and take away)."""

    class Meta:
        model = Membership
        fields = ["organisation", "role", "department", "created_at"]
        read_only_fields = fields


class GrantSerializer(serializers.Serializer):
    """A role to give in the key's organisation (accounts.services.invite, as on the invitation
    page): only one the key's role may grant (the policy's GRANTABLE), never the physician's or the
    employee's. A line manager's department is one of the organisation's."""

    role = serializers.ChoiceField(Role.choices)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.none(), required=False, allow_null=True, default=None
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["department"].queryset = departments


class InvitationSerializer(GrantSerializer):
    """Someone invited by e-mail address: a login is made for a new address (they choose their
    password through the e-mailed link); a known login gets the role and an e-mail saying so."""

    email = serializers.EmailField(max_length=254)


class EmployeeInvitationSerializer(serializers.ModelSerializer):
    """The invitation to the employee portal, sent to the work address on the record; accepting it
    links a login to the record (cases.services.employee_invite)."""

    class Meta:
        model = EmployeeInvitation
        fields = ["employee", "email", "sent_at", "expires_at", "accepted_at"]
        read_only_fields = fields


#: The kinds of event that are dossier notes (named NoteKindEnum in the document, settings.py).
NOTE_KINDS = [(kind.value, kind.label) for kind in FOLLOWED_UP]


class NoteSerializer(EventSerializer):
    """A dossier note: a phone call, a meeting or a note (an event of one of those kinds), with a
    follow-up date that becomes a task for whoever recorded it, as on the case page."""

    kind = serializers.ChoiceField(NOTE_KINDS)
    follow_up_on = serializers.DateField(
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The day to follow it up: a task on the worklist of whoever recorded it.",
    )
    follow_ups = TaskSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [
            "id",
            "case",
            "kind",
            "date",
            "note",
            "document_url",
            "recorded_at",
            "active",
            "withdrawn_at",
            "follow_up_on",
            "follow_ups",
            "confirm_not_medical",
        ]
        read_only_fields = ["case", "recorded_at", "withdrawn_at"]


class ResumptionSerializer(Bounded, serializers.ModelSerializer):
    """Partial work while still sick (cases.services.work_resumption_create): the sickness period
    goes on; hours in the own job for all contract hours are recovery instead."""

    class Meta:
        model = WorkResumption
        fields = ["id", "case", "start", "hours_per_week", "kind", "recorded_at"]
        read_only_fields = ["case", "recorded_at"]
