"""Rules editable by analysts: seeded from fields.json, read by ingest at once after a change; locality rules;
the optional naive Bayes model trained on confirmed items, used only with enough labels, adding to the rules."""

from __future__ import annotations

import pytest

from tests.infocenter.test_copies_events import UNRELATED, raw
from vanphong.core.errors import Forbidden, ServiceError
from vanphong.infocenter import learn, rules, services
from vanphong.infocenter.ingest import do_ingest
from vanphong.infocenter.models import InfoItem, KeywordRule
from vanphong.infocenter.pipeline import fields

pytestmark = pytest.mark.django_db

REPORT = ["Sáng 8/11, Ban Thường vụ Tỉnh ủy Lào Cai họp bàn về chương trình trồng cây quế và cây dược liệu dưới "
          "tán rừng, giao các xã vùng cao nhân rộng mô hình trong năm 2026."]


def test_the_shipped_rules_are_seeded_and_kept(office):
    shipped = sum(len(f["rules"]) for f in fields.shipped_fields()["fields"])
    assert KeywordRule.objects.filter(kind="field").count() == shipped
    assert rules.seed_rules() == 0  # never twice, never over an analyst's rows


def test_an_analysts_rule_applies_to_the_next_item(office):
    analyst = office.leader  # given the analysts' right explicitly
    from django.contrib.auth.models import Permission

    analyst.user_permissions.add(Permission.objects.get(codename="manage_sources"))
    analyst = type(analyst).objects.get(pk=analyst.pk)
    do_ingest([raw("https://a.vn/1", "Lào Cai trồng quế dưới tán rừng", REPORT, "Báo A")], actor=analyst)
    assert "Dân tộc, tôn giáo, dân vận" not in InfoItem.objects.get(reference="https://a.vn/1").fields
    services.check_save_rule(analyst, services.RuleIn("field", "Dân tộc, tôn giáo, dân vận", "dưới tán rừng", 10))
    services.check_save_rule(analyst, services.RuleIn("place", "Quảng Ninh", "cây quế", 1))
    do_ingest([raw("https://a.vn/2", "Lào Cai trồng quế dưới tán rừng", REPORT, "Báo B")], actor=analyst)
    item = InfoItem.objects.get(reference="https://a.vn/2")
    assert "Dân tộc, tôn giáo, dân vận" in item.fields
    assert "Quảng Ninh" in item.places  # the locality rule
    # Switched off: the next item no longer gets it.
    rule = KeywordRule.objects.get(phrase="dưới tán rừng")
    services.check_save_rule(analyst, services.RuleIn("field", rule.target, rule.phrase, rule.weight, False), rule.pk)
    do_ingest([raw("https://a.vn/3", "Lào Cai trồng quế dưới tán rừng", REPORT, "Báo C")], actor=analyst)
    assert "Dân tộc, tôn giáo, dân vận" not in InfoItem.objects.get(reference="https://a.vn/3").fields


def test_rules_refuse_bad_input_and_people_without_the_right(office):
    with pytest.raises(Forbidden):
        services.check_save_rule(office.thuong, services.RuleIn("field", "Đối ngoại", "hội đàm", 2))
    from django.contrib.auth.models import Permission

    office.mat.user_permissions.add(Permission.objects.get(codename="manage_sources"))
    mat = type(office.mat).objects.get(pk=office.mat.pk)
    n = KeywordRule.objects.count()
    for bad, message in ((services.RuleIn("field", "Thiên văn", "sao chổi", 2), "lĩnh vực"),
                         (services.RuleIn("place", "Hải Dương", "đê", 2), "tỉnh"),
                         (services.RuleIn("field", "Đối ngoại", "x", 2), "Cụm từ"),
                         (services.RuleIn("field", "Đối ngoại", "hội đàm", 99), "Trọng số")):
        with pytest.raises(ServiceError, match=message):
            services.check_save_rule(mat, bad)
    assert KeywordRule.objects.count() == n


def _examples(n: int) -> list[tuple[str, str, list[str]]]:
    sea = ("Tàu cá ngư dân bám biển khai thác hải sản xa bờ, lực lượng kiểm ngư tuần tra vùng biển", ["Biển đảo"])
    farm = ("Nông dân thu hoạch lúa mùa, năng suất đạt cao, hợp tác xã bao tiêu nông sản", ["Nông nghiệp"])
    return [(f"Tin {k}", (sea if k % 2 else farm)[0] + f" số {k}.", list((sea if k % 2 else farm)[1]))
            for k in range(n)]


def test_naive_bayes_learns_only_with_enough_labels_and_adds_to_the_rules():
    assert learn.train(_examples(learn.MIN_LABELLED - 1)) is None
    model = learn.train(_examples(40))
    assert model is not None and set(model.fields) == {"Biển đảo", "Nông nghiệp"}
    p = model.predict("Ngư dân ra khơi", "Tàu cá bám biển khai thác hải sản xa bờ.")
    assert p["Biển đảo"] > 0.9 > p["Nông nghiệp"]
    assert learn.combine(["Kinh tế – xã hội"], model, "Ngư dân ra khơi", "Tàu cá bám biển khai thác hải sản.") == [
        "Kinh tế – xã hội", "Biển đảo"]
    assert learn.combine(["Kinh tế – xã hội"], None, "x", "y") == ["Kinh tế – xã hội"]


def test_the_model_is_trained_from_confirmed_items(office):
    from django.contrib.auth.models import Permission

    office.mat.user_permissions.add(Permission.objects.get(codename="manage_sources"))
    mat = type(office.mat).objects.get(pk=office.mat.pk)
    assert learn.current_model() is None
    import random

    rng = random.Random(6)
    words = " ".join(UNRELATED).replace(",", "").replace(".", "").split()
    # Distinct articles (shuffled words share no run of four), so none is taken for a copy of another.
    texts = [" ".join(rng.sample(words, len(words))) + "." for _ in range(learn.MIN_LABELLED)]
    report = do_ingest([raw(f"https://a.vn/{k}", f"Lào Cai xúc tiến đầu tư đợt {k}", [t], "Báo A")
                        for k, t in enumerate(texts)], actor=mat)
    ids = report.created
    for k, pk in enumerate(ids):
        services.check_confirm_fields(mat, pk, ["Kinh tế – xã hội"] if k % 2 else ["Đối ngoại"])
    model = learn.current_model()
    assert model is not None and model.labelled >= learn.MIN_LABELLED
