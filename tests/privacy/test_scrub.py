"""Free-text scrubbing: each recogniser, the ID check digit, the deny list."""

from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from privacy.scrub import is_valid_resident_id, scrub


def check_character(first17: str) -> str:
    """GB 11643 written from the standard's formula, not from the module's tables."""
    total = sum(int(digit) * (2 ** (17 - i) % 11) for i, digit in enumerate(first17))
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)


def make_id(region: int, born: date, sequence: int) -> str:
    first17 = f"{region:06d}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


# --- resident ID ------------------------------------------------------------------


def test_published_sample_id_is_valid():
    # The sample number printed in GB 11643-1999 itself.
    assert is_valid_resident_id("11010519491231002X")
    assert is_valid_resident_id("11010519491231002x")


@pytest.mark.parametrize(
    "value",
    [
        "110105194912310021",  # wrong check digit
        "11010519491231002",  # 17 characters
        "11010519491231002X1",  # 19 characters
        "1101051949123100XX",  # X before the last place
        "１１０１０５１９４９１２３１００２X",  # full-width digits
        "",
    ],
)
def test_invalid_ids_are_rejected(value):
    assert not is_valid_resident_id(value)


@settings(max_examples=100, deadline=None)
@given(
    region=st.integers(110000, 659999),
    born=st.dates(date(1930, 1, 1), date(2010, 12, 31)),
    sequence=st.integers(0, 999),
)
def test_only_the_right_check_character_validates(region, born, sequence):
    valid = make_id(region, born, sequence)
    assert is_valid_resident_id(valid)
    assert scrub(f"身份证号 {valid}。") == "身份证号 [ID]。"
    for wrong in set("0123456789X") - {valid[-1]}:
        invalid = valid[:-1] + wrong
        assert not is_valid_resident_id(invalid)
        # An 18-digit number that is not an ID (an order number, say) stays.
        assert scrub(f"订单 {invalid}。") == f"订单 {invalid}。"


# --- the other recognisers --------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["zhang.san@example.com", "li_si+jobs@mail.example.com.cn", "A.B-C@Sub-Domain.IO", "wangwu99@qq.com"],
)
def test_emails_are_replaced(email):
    assert scrub(f"邮箱：{email}，欢迎联系") == "邮箱：[EMAIL]，欢迎联系"


@pytest.mark.parametrize(
    "phone",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 13812345678",
        "+86-138-1234-5678",
        "+8619912345678",
        "008615012345678",
        "010-12345678",
        "(0755)2345678",
        "021 87654321",
        "0571-8765432 转 123",
        "+1 (415) 555-2671",
        "+44 20 7946 0958",
        "+852 2345 6789",
        "0044 20 7946 0958",
    ],
)
def test_phone_numbers_are_replaced(phone):
    assert scrub(f"电话：{phone}，谢谢") == "电话：[PHONE]，谢谢"


@pytest.mark.parametrize(
    "text",
    [
        "2019-2023 在某公司工作",
        "期望薪资 15000-20000 元",
        "邮编 100080，GPA 3.85",
        "带领 12 人团队，用户数 1200000",
        "工号 12345678901234567",  # 17 digits: not an ID, not a phone
        "版本 10.13.6",
    ],
)
def test_numbers_that_are_not_identifiers_stay(text):
    assert scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("主页 https://zhangsan.me/about?x=1。", "主页 [URL]。"),
        ("see HTTP://Example.com/a/b.", "see [URL]."),
        ("博客 www.example.cn，常更新", "博客 [URL]，常更新"),
        ("代码在 github.com/zhangsan 上", "代码在 [URL] 上"),
        ("(https://example.com/x)", "([URL])"),
        ("熟悉 ASP.NET、Node.js 和 Vue.js", "熟悉 ASP.NET、Node.js 和 Vue.js"),
    ],
)
def test_urls_are_replaced_and_tech_names_are_not(text, expected):
    assert scrub(text) == expected


def test_a_url_holding_an_email_is_one_url():
    assert scrub("见 https://example.com/?u=a@b.com 结束") == "见 [URL] 结束"


# --- deny list --------------------------------------------------------------------


def test_deny_values_are_replaced_case_insensitively():
    text = "我叫张三，曾在 TENCENT 任职，zhang san / ZhangSan 毕业于北京大学。"
    assert scrub(text, deny=["张三", "Tencent", "Zhang San", "北京大学"]) == (
        "我叫[REDACTED]，曾在 [REDACTED] 任职，[REDACTED] / [REDACTED] 毕业于[REDACTED]。"
    )


def test_longest_deny_value_wins():
    out = scrub("Peking University alumni", deny=["Peking", "Peking University"])
    assert out == "[REDACTED] alumni"


def test_short_deny_values_are_ignored():
    assert scrub("A 级证书 and a cat", deny=["A", " ", ""]) == "A 级证书 and a cat"


def test_latin_deny_values_match_whole_words_only():
    out = scrub("Li uses Linux with Eli; li Lei", deny=["Li"])
    assert out == "[REDACTED] uses Linux with Eli; [REDACTED] Lei"


def test_deny_values_do_not_cut_into_placeholders():
    out = scrub("mail me: me@example.com, ID 11010519491231002X", deny=["mail", "ID"])
    assert out == "[REDACTED] me: [EMAIL], [REDACTED] [ID]"


def test_deny_values_with_regex_characters_are_literal():
    out = scrub("曾就职于 C++ Works (Shenzhen) 与 CxxWorks", deny=["C++ Works (Shenzhen)"])
    assert out == "曾就职于 [REDACTED] 与 CxxWorks"


# --- property: identifiers never survive ------------------------------------------

filler = st.text(
    alphabet=st.sampled_from(list("abcXYZ0123456789 @+-._/:，。张三工作经验邮箱电话")),
    max_size=25,
)
separator = st.sampled_from([" ", "，", "：", "\n", "（", "。"])

mobile = st.builds(
    lambda second, rest, form: form.format(f"1{second}{rest}"),
    st.sampled_from("3456789"),
    st.from_regex(r"[0-9]{9}", fullmatch=True),
    st.sampled_from(["{}", "+86 {}", "+86-{}", "0086{}"]),
)
spaced_mobile = st.builds(
    lambda digits, sep: sep.join([digits[:3], digits[3:7], digits[7:]]),
    st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    st.sampled_from([" ", "-"]),
)
email = st.builds(
    "{}@{}".format,
    st.from_regex(r"[a-z0-9]([a-z0-9._+-]{0,10}[a-z0-9])?", fullmatch=True),
    st.from_regex(r"[a-z0-9]{1,10}(\.[a-z0-9]{1,8}){0,2}\.[a-z]{2,6}", fullmatch=True),
)
resident_id = st.builds(
    make_id,
    st.integers(110000, 659999),
    st.dates(date(1930, 1, 1), date(2010, 12, 31)),
    st.integers(0, 999),
)


def digits_of(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


@settings(max_examples=300, deadline=None)
@given(
    secrets=st.permutations([0, 1, 2]),
    phone=mobile | spaced_mobile,
    address=email,
    id_number=resident_id,
    chunks=st.lists(filler, min_size=4, max_size=4),
    seps=st.lists(separator, min_size=6, max_size=6),
)
def test_valid_ids_mobiles_and_emails_never_survive(secrets, phone, address, id_number, chunks, seps):
    values = [phone, address, id_number]
    national = digits_of(phone)[-11:]
    # The filler must not contain a copy of a secret, or it would be the filler's
    # copy (perhaps glued to other digits) that the assertion finds.
    assume(all(national not in digits_of(chunk) for chunk in chunks))
    assume(all(address not in chunk and id_number not in chunk for chunk in chunks))

    parts = [chunks[0]]
    for position, index in enumerate(secrets):
        parts += [seps[2 * position], values[index], seps[2 * position + 1], chunks[position + 1]]
    out = scrub("".join(parts))

    assert phone not in out
    assert national not in out
    assert address not in out
    assert id_number not in out
    assert id_number[:17] not in out
