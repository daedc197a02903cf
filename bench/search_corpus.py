"""A deterministic synthetic corpus of Vietnamese office records (titles and 1–3 KB bodies) for the search benchmark.

The vocabulary is several thousand real words and names: office and political terms written here, the bodies of
core/data/bodies.json, the provinces and wards of the gazetteer (vietnamadminunits), and the demo office's name
parts. Every entry is normalised once (vanphong.text.normalize; a few are written with the old tone placement, as
real documents are) and folded once, and records are joined from the two parallel arrays, so generating a record
costs a few `random.choices` calls and two joins: a million records take about a minute on one core.

    for rec in Corpus(seed=7).records(1_000_000): ...
"""

from __future__ import annotations

import json
import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from vanphong.text import fold, normalize

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "vanphong" / "core" / "data"

# Shares of Thường, Mật, Tối mật, Tuyệt mật in a central office's archive.
CLASS_WEIGHTS = (80, 15, 4, 1)
# In characters: 1–3 KB of UTF-8 (Vietnamese letters take two or three bytes).
BODY_MIN, BODY_MAX = 750, 2150
BLOCK = 1000
# Raised whenever the generated records change, so a saved corpus (BENCH_REUSE=1) of an older kind is not reused.
GENERATOR_VERSION = 1
TABLE = 1 << 16

DOC_TYPES = {  # name: symbol suffix
    "Nghị quyết": "NQ", "Kết luận": "KL", "Chỉ thị": "CT", "Quy định": "QĐ", "Quyết định": "QĐ",
    "Thông báo": "TB", "Công văn": "CV", "Báo cáo": "BC", "Tờ trình": "TTr", "Kế hoạch": "KH",
    "Hướng dẫn": "HD", "Đề án": "ĐA", "Chương trình": "CTr", "Quy chế": "QC", "Công điện": "CĐ",
    "Thông tri": "TT", "Biên bản": "BB", "Giấy mời": "GM",
}  # fmt: skip

# Office and political language; several entries carry the old tone placement (hoà, thuỷ, khoẻ) on purpose.
TOPICS = """
công tác cán bộ|xây dựng Đảng|chỉnh đốn Đảng|tổ chức cơ sở đảng|đảng viên|cấp ủy|ban thường vụ|ban chấp hành
kinh tế|xã hội|quốc phòng|an ninh|đối ngoại|hội nhập quốc tế|phòng, chống tham nhũng|tiêu cực|lãng phí
chuyển đổi số|cải cách hành chính|tinh gọn bộ máy|sắp xếp đơn vị hành chính|chính quyền địa phương hai cấp
nông nghiệp|nông thôn mới|nông dân|giáo dục|đào tạo|y tế|chăm sóc sức khoẻ nhân dân|văn hoá|thể thao|du lịch
khoa học|công nghệ|đổi mới sáng tạo|môi trường|tài nguyên|biến đổi khí hậu|phòng chống thiên tai|thuỷ lợi
hạ tầng|giao thông|đường cao tốc|đất đai|nhà ở xã hội|doanh nghiệp nhà nước|kinh tế tư nhân|kinh tế tập thể
thu hút đầu tư|ngân sách nhà nước|đầu tư công|giải ngân vốn|nợ công|thị trường vốn|tín dụng|lãi suất|tỷ giá
an sinh xã hội|giảm nghèo bền vững|việc làm|lao động|bảo hiểm xã hội|người có công|dân tộc|tôn giáo
thanh niên|phụ nữ|công đoàn|cựu chiến binh|Mặt trận Tổ quốc|đoàn thể chính trị - xã hội|khối đại đoàn kết
bảo vệ nền tảng tư tưởng|đấu tranh phản bác quan điểm sai trái|thông tin tuyên truyền|báo chí|xuất bản
công tác kiểm tra|giám sát|kỷ luật đảng|thi hành kỷ luật|khiếu nại|tố cáo|tiếp công dân|đơn thư
công tác nội chính|tư pháp|cải cách tư pháp|thi hành án|phòng chống tội phạm|ma tuý|buôn lậu|gian lận thương mại
biên giới|biển, đảo|chủ quyền|hợp tác quốc tế|ngoại giao|đối ngoại nhân dân|kiều bào|người Việt Nam ở nước ngoài
quy hoạch|quy hoạch tỉnh|đô thị|phát triển vùng|liên kết vùng|kinh tế biển|logistics|năng lượng|điện lực
công nghiệp|chế biến|xuất khẩu|nhập khẩu|thương mại|dịch vụ|thị trường|giá cả|lạm phát|tăng trưởng
nhiệm kỳ|đại hội|đại hội đảng bộ|văn kiện|báo cáo chính trị|nhân sự|quy hoạch cán bộ|luân chuyển cán bộ
đánh giá cán bộ|bổ nhiệm|giới thiệu ứng cử|miễn nhiệm|từ chức|tiền lương|chính sách tiền lương|biên chế
tinh giản biên chế|vị trí việc làm|thủ tục hành chính|dịch vụ công trực tuyến|cơ sở dữ liệu quốc gia|dân cư
định danh điện tử|an toàn thông tin|an ninh mạng|bảo vệ bí mật nhà nước|văn thư|lưu trữ|hồ sơ|tài liệu mật
chương trình mục tiêu quốc gia|dự án trọng điểm|công trình trọng điểm|sân bay|cảng biển|đường sắt tốc độ cao
trí tuệ nhân tạo|dữ liệu số|kinh tế số|xã hội số|chính phủ số|công dân số|hạ tầng số|bán dẫn
giải phóng mặt bằng|bồi thường|tái định cư|thu hồi đất|đấu giá|đấu thầu|mua sắm công|tài sản công
phòng cháy, chữa cháy|an toàn giao thông|trật tự đô thị|xây dựng nông thôn|nước sạch|vệ sinh môi trường
dịch bệnh|tiêm chủng|bảo hiểm y tế|bệnh viện|trạm y tế|dược|trang thiết bị y tế|nhân lực y tế
trường học|sách giáo khoa|đổi mới chương trình|giáo dục nghề nghiệp|đại học|nghiên cứu khoa học
di sản|lễ hội|di tích|bảo tồn|phát huy giá trị|công nghiệp văn hoá|nghệ thuật|điện ảnh
""".split("|")
TOPICS = [t.strip() for line in TOPICS for t in line.split("\n") if t.strip()]

VERBS = """
tăng cường|đẩy mạnh|quán triệt|triển khai|thực hiện|chỉ đạo|lãnh đạo|kiểm tra|giám sát|tổng kết|sơ kết|đánh giá
rà soát|bổ sung|hoàn thiện|ban hành|xây dựng|nâng cao|phát huy|khắc phục|xử lý|báo cáo|tham mưu|đề xuất|phối hợp
theo dõi|đôn đốc|tổ chức|chuẩn bị|thẩm định|góp ý|thống nhất|phê duyệt|cho ý kiến|chấn chỉnh|làm rõ|kiện toàn
sửa đổi|thay thế|hướng dẫn|tuyên truyền|phổ biến|quản lý|điều hành|bảo đảm|ưu tiên|tập trung|huy động|bố trí
giải quyết|tháo gỡ|đẩy nhanh|hoàn thành|tiếp tục|nghiên cứu|khảo sát|làm việc|tiếp nhận|chuyển|gửi|trình
""".replace("\n", "|").split("|")
VERBS = [v.strip() for v in VERBS if v.strip()]

MODIFIERS = """
hiệu quả|nghiêm túc|kịp thời|đồng bộ|toàn diện|thực chất|bền vững|cụ thể|chặt chẽ|quyết liệt|thường xuyên
có trọng tâm, trọng điểm|đúng quy định|đúng tiến độ|chất lượng|công khai, minh bạch|dân chủ|khách quan
sâu sát|linh hoạt|sáng tạo|thống nhất|liên thông|tinh gọn|mạnh mẽ|khẩn trương|nghiêm minh|đúng thẩm quyền
""".replace("\n", "|").split("|")
MODIFIERS = [m.strip() for m in MODIFIERS if m.strip()]

FUNCTION = """
của|và|các|những|trong|về|đối với|theo|tại|để|nhằm|đã|đang|sẽ|được|có|không|cần|phải|với|cho|từ|đến|trên
giữa|là|một số|việc|đó|này|khi|nếu|thì|như|cũng|còn|đều|vẫn|chưa|rất|hơn|nhất|bảo đảm|trong thời gian tới
đồng thời|bên cạnh đó|tuy nhiên|do đó|vì vậy|trước mắt|lâu dài|năm|tháng|quý|kỳ|giai đoạn|mục tiêu|nhiệm vụ
giải pháp|kết quả|hạn chế|tồn tại|nguyên nhân|bài học kinh nghiệm|yêu cầu|đề nghị|ý kiến|kiến nghị
""".replace("\n", "|").split("|")
FUNCTION = [f.strip() for f in FUNCTION if f.strip()]

ROLES = ["Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Trưởng ban", "Phó Trưởng ban", "Chánh Văn phòng",
         "Phó Chánh Văn phòng", "Vụ trưởng", "Phó Vụ trưởng", "Ủy viên Bộ Chính trị", "Ủy viên Trung ương Đảng",
         "Bộ trưởng", "Thứ trưởng", "Giám đốc Sở", "Chánh Thanh tra", "Trưởng phòng", "Chuyên viên cao cấp"]
SUBJECTS = ["Bộ Chính trị", "Ban Bí thư", "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thành ủy", "Thường trực Ban Bí thư",
            "Văn phòng Trung ương Đảng", "Các cấp ủy, tổ chức đảng", "Các ban đảng", "Đảng ủy", "Ủy ban nhân dân",
            "Hội đồng nhân dân", "Đoàn kiểm tra", "Đoàn công tác", "Tổ công tác", "Ban chỉ đạo", "Cơ quan chủ trì"]


@dataclass(frozen=True)
class Record:
    """One assignment-like record: text as stored (normalised) and folded, classification and access list."""

    title: str
    body: str
    title_f: str
    body_f: str
    classification: int
    unit: int  # index of the lead unit, 0 ≤ unit < units
    shared_units: tuple[int, ...]
    shared_users: tuple[int, ...]  # indexes into the corpus users
    creator: int
    deadline: date
    urgency: int


def _zipf(n: int, s: float = 1.0) -> list[float]:
    return list(accumulate(1.0 / (r + 1) ** s for r in range(n)))


class Vocabulary:
    """Parallel arrays of entries as written (normalised) and folded, with cumulative Zipf weights."""

    def __init__(self, entries: list[str], rng: random.Random, s: float = 1.0) -> None:
        seen: dict[str, None] = {}
        for e in entries:
            seen.setdefault(normalize(e), None)
        self.words = list(seen)
        rng.shuffle(self.words)  # ranks independent of the order written
        self.folded = [fold(w) for w in self.words]
        self.cum = _zipf(len(self.words), s)

    def pick(self, rng: random.Random, k: int) -> list[int]:
        return rng.choices(range(len(self.words)), cum_weights=self.cum, k=k)

    def __len__(self) -> int:
        return len(self.words)


def _places() -> tuple[list[str], list[str]]:
    """(provinces, wards and former districts) from the gazetteer, names as officially written."""
    from vietnamadminunits.database import get_data

    provinces = [r["provinceShort"] for r in get_data(fields=["provinceShort"], table="admin_units")]
    provinces += [r["provinceShort"] for r in get_data(fields=["provinceShort"], table="admin_units_legacy")]
    wards = [r["ward"] for r in get_data(fields=["ward"], table="admin_units")]
    wards += [r["district"] for r in get_data(fields=["district"], table="admin_units_legacy")]
    return sorted(set(provinces)), sorted(set(wards))


def _date_text(d: date, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"ngày {d.day:02d} tháng {d.month} năm {d.year}"
    return f"ngày {d.day:02d}/{d.month:02d}/{d.year}"


class Corpus:
    """Records drawn from the vocabulary with a fixed seed: the same seed and size give the same corpus."""

    def __init__(self, seed: int = 7, units: int = 12, users: int = 40) -> None:
        self.seed, self.units, self.users = seed, units, users
        rng = random.Random(seed)
        bodies = json.loads((DATA / "bodies.json").read_text(encoding="utf-8"))["bodies"]
        names = json.loads((DATA / "demo_names.json").read_text(encoding="utf-8"))
        provinces, wards = _places()
        self.issuers = sorted({b["abbreviation"] for b in bodies if b.get("abbreviation")})
        self.body_names = [b["name"] for b in bodies]
        people = [f"{s} {rng.choice(names['middle']['nam'])} {rng.choice(names['given']['nam'])}"
                  for s in names["surnames"] for _ in range(40)]
        # Citations, mentions of people and places: pre-rendered, so a record only picks among them.
        start = date(2010, 1, 1)
        citations = []
        for _ in range(6000):
            kind, suffix = rng.choice(list(DOC_TYPES.items()))
            d = start + timedelta(days=rng.randrange(16 * 365))
            citations.append(f"{kind} số {rng.randint(1, 450)}-{suffix}/{rng.choice(self.issuers)} "
                             f"{_date_text(d, rng)}")
        mentions = [f"đồng chí {p}, {rng.choice(ROLES)}" for p in people]
        place_phrases = [f"tỉnh {p}" for p in provinces] + [f"{w}, {rng.choice(provinces)}" for w in wards]
        self.topics = Vocabulary(TOPICS + self.body_names, rng, s=0.9)
        self.verbs = Vocabulary(VERBS, rng)
        self.mods = Vocabulary(MODIFIERS, rng)
        self.function = Vocabulary(FUNCTION, rng, s=0.8)
        self.citations = Vocabulary(citations, rng, s=0.6)
        self.mentions = Vocabulary(mentions, rng, s=0.7)
        self.places = Vocabulary(place_phrases + provinces, rng, s=0.7)
        self.subjects = Vocabulary(SUBJECTS + self.body_names, rng)
        self.doc_types = Vocabulary(list(DOC_TYPES), rng)
        # The mix of a sentence after its subject: which vocabulary each slot draws from.
        self._slots = [self.verbs, self.topics, self.function, self.topics, self.mods, self.function,
                       self.topics, self.places, self.citations, self.mentions]
        slot_weights = [16, 26, 30, 14, 6, 20, 10, 4, 2, 1]
        # One merged vocabulary for body words: a slot's weight shared out by Zipf within its vocabulary.
        self._words: list[str] = []
        self._folded: list[str] = []
        weights: list[float] = []
        for vocab, share in zip(self._slots, slot_weights, strict=True):
            total = vocab.cum[-1]
            prev = 0.0
            for w, f, c in zip(vocab.words, vocab.folded, vocab.cum, strict=True):
                self._words.append(w)
                self._folded.append(f)
                weights.append(share * (c - prev) / total)
                prev = c
        # Words drawn by index from a table where each appears in proportion to its weight (at least once):
        # `random.choices` without weights is several times faster than with them.
        total = sum(weights)
        table = [i for i, w in enumerate(weights) for _ in range(max(1, round(w / total * TABLE)))]
        rounding = random.Random(seed)
        if len(table) < TABLE:
            table += rounding.choices(table, k=TABLE - len(table))
        self._table = rounding.sample(table, TABLE)
        self._class_cum = list(accumulate(CLASS_WEIGHTS))
        self._query_terms = [*TOPICS, *VERBS, *DOC_TYPES, *provinces, *wards]

    @property
    def vocabulary_size(self) -> int:
        vocabs = (self.topics, self.verbs, self.mods, self.function, self.places, self.subjects, self.doc_types)
        return sum(len(v) for v in vocabs)

    def _body(self, rng: random.Random, target: int) -> tuple[str, str]:
        # One draw of every word of the body, then cut into sentences each led by a subject.
        n = target // 11
        # Two random bytes a word, looked up in the table: no Python-level loop per word.
        idx = list(map(self._table.__getitem__, array("H", rng.randbytes(2 * n))))
        subjects = self.subjects.pick(rng, n // 8 + 1)
        words, folded = self._words, self._folded
        body: list[str] = []
        body_f: list[str] = []
        a = s = 0
        while a < n:
            b = a + rng.randint(8, 24)
            chunk = idx[a:b]
            subj = subjects[s]
            body.append(" ".join([self.subjects.words[subj], *map(words.__getitem__, chunk)]) + ".")
            body_f.append(" ".join([self.subjects.folded[subj], *map(folded.__getitem__, chunk)]) + ".")
            a, s = b, s + 1
        return " ".join(body), " ".join(body_f)

    def _title(self, rng: random.Random) -> tuple[str, str]:
        verb = self.verbs.pick(rng, 1)[0]
        topics = self.topics.pick(rng, rng.randint(1, 3))
        parts = [self.verbs.words[verb].capitalize()]
        fparts = [self.verbs.folded[verb]]
        if rng.random() < 0.6:
            c = self.citations.pick(rng, 1)[0]
            parts += [self.citations.words[c], "về"]
            fparts += [self.citations.folded[c], "ve"]
        parts.append(", ".join(self.topics.words[t] for t in topics))
        fparts.append(", ".join(self.topics.folded[t] for t in topics))
        if rng.random() < 0.3:
            p = self.places.pick(rng, 1)[0]
            parts += ["tại", self.places.words[p]]
            fparts += ["tai", self.places.folded[p]]
        return " ".join(parts), " ".join(fparts)

    def records(self, count: int, start: int = 0) -> Iterator[Record]:
        """`count` records from number `start`; record i is the same whatever `start` (blocks have own seeds)."""
        levels = (0, 1, 2, 3)
        first_day = date(2015, 1, 1)
        block = start // BLOCK
        i = block * BLOCK
        rng = random.Random(self.seed * 1_000_003 + block)
        while i < start + count:
            title, title_f = self._title(rng)
            body, body_f = self._body(rng, rng.randint(BODY_MIN, BODY_MAX))
            cls = rng.choices(levels, cum_weights=self._class_cum)[0]
            unit = rng.randrange(self.units)
            shared_units: tuple[int, ...] = ()
            shared_users: tuple[int, ...] = ()
            if cls:
                shared_units = tuple(sorted({unit, *rng.sample(range(self.units), rng.randint(0, 2))}))
                shared_users = tuple(sorted(rng.sample(range(self.users), rng.randint(0, 3))))
            rec = Record(
                title=title, body=body, title_f=title_f, body_f=body_f,
                classification=cls, unit=unit, shared_units=shared_units, shared_users=shared_users,
                creator=rng.randrange(self.users), deadline=first_day + timedelta(days=rng.randrange(12 * 365)),
                urgency=rng.choices(levels, cum_weights=(85, 95, 99, 100))[0],
            )
            if i >= start:
                yield rec
            i += 1
            if i % BLOCK == 0:
                rng = random.Random(self.seed * 1_000_003 + i // BLOCK)

    def queries(self, words: int, count: int, seed: int = 11) -> list[str]:
        """`count` distinct accented searches of exactly `words` syllables, in lower case as people type them.

        Whole terms of that length (topics, kinds of document, verbs, provinces, wards); one-word searches are
        syllables of those terms.
        """
        rng = random.Random(seed * 100 + words)
        terms = [t.replace(",", "").lower() for t in self._query_terms]
        if words == 1:
            pool = sorted({w for t in terms for w in t.split() if len(w) > 1})
        else:
            pool = sorted({t for t in terms if len(t.split()) == words})
        out: list[str] = []
        for q in rng.sample(pool, len(pool)):
            if fold(q) != q:  # accented, so its folded form is a different query
                out.append(q)
            if len(out) == count:
                break
        return out
