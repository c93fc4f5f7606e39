"""Word resumes whose details sit outside the body's paragraphs: in the page header, in text boxes."""

import io
from datetime import date

from docx import Document
from docx.oxml import parse_xml

from consent.intake import extract_text
from consent.parsing import flat_fields, parse_resume

TODAY = date(2026, 11, 29)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _box_content(lines: list[str]) -> str:
    return "<w:txbxContent>" + "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines) + "</w:txbxContent>"


def _text_box_run(lines: list[str]) -> str:
    """A run holding a floating text box as Word writes it: the drawing, and its VML copy for older readers."""
    return f"""<w:r {NAMESPACES}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
      <wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"
                 layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
        <wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>
        <wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>
        <wp:extent cx="2000000" cy="1000000"/><wp:wrapNone/><wp:docPr id="7" name="Text Box 7"/>
        <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
          <wps:wsp><wps:txbx>{_box_content(lines)}</wps:txbx><wps:bodyPr/></wps:wsp>
        </a:graphicData></a:graphic>
      </wp:anchor></w:drawing></mc:Choice>
      <mc:Fallback><w:pict><v:shape><v:textbox>{_box_content(lines)}</v:textbox></v:shape></w:pict></mc:Fallback>
    </mc:AlternateContent></w:r>"""


def _docx(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_name_and_contact_details_in_the_page_header_are_read_once():
    document = Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "周晓岚"
    header.add_paragraph("手机：13698765432  邮箱：zhou.xl@example.cn  现居：浙江省宁波市鄞州区")
    document.add_paragraph("工作经历")
    document.add_paragraph("2018.04 - 至今  宁波港湾物流有限公司  调度主管")
    document.add_paragraph("教育背景")
    document.add_paragraph("2012.09 - 2016.06  宁波大学  物流管理  本科")
    document.add_page_break()
    document.add_paragraph("自我评价：吃苦耐劳，善于沟通。")
    _kind, text = extract_text(_docx(document), "resume.docx")
    assert text.count("13698765432") == 1  # a header on every page is read once
    assert text.index("周晓岚") < text.index("工作经历")
    fields = flat_fields(parse_resume(text, today=TODAY))
    assert fields["full_name"] == "周晓岚"
    assert fields["phone"] == "13698765432"
    assert fields["contact_email"] == "zhou.xl@example.cn"
    assert (fields["province"], fields["city"]) == ("浙江", "宁波")
    assert fields["current_employer"] == "宁波港湾物流有限公司"


def test_a_section_drawn_in_a_text_box_is_read_once_where_it_is_anchored():
    document = Document()
    document.add_paragraph("个人简历")
    anchor = document.add_paragraph()
    anchor._p.append(parse_xml(_text_box_run(["姓名：韩思远", "电话：15811223344", "邮箱：hansy@example.com"])))
    document.add_paragraph("工作经历")
    document.add_paragraph("2020.03 - 至今  北京云杉数据科技有限公司  数据工程师")
    _kind, text = extract_text(_docx(document), "resume.docx")
    assert text.count("15811223344") == 1  # the drawing's copy, not its fallback as well
    assert text.index("个人简历") < text.index("韩思远") < text.index("工作经历")
    fields = flat_fields(parse_resume(text, today=TODAY))
    assert fields["full_name"] == "韩思远"
    assert fields["phone"] == "15811223344"
    assert fields["current_employer"] == "北京云杉数据科技有限公司"
