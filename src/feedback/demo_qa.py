"""Answered questions for the demo portal: what citizens and businesses of Thanh Hóa ask the province's departments.

Each entry is a question with its published answer, written as it would appear after the 2025 reforms (two-level
local government, departments under NĐ 45/2025/NĐ-CP); the demo loader publishes them on the public Q&A pages.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoAnswer:
    """One question with the department's answer, as the portal publishes it."""

    category: str  # a category code from feedback.demo.CATEGORIES
    title: str  # at most 200 characters, as the asker titled it
    question: str  # as the citizen or business wrote it
    answer: str  # the department's answer (small Markdown subset)
    name: str  # the asker: a Vietnamese full name or a business name
    show_name: bool  # whether the asker agreed to show their name
    area: str | None  # an area code from feedback.demo.AREAS, or None
    days_ago: int  # when it was asked, counted back from the day the demo is loaded (5..360)
    answer_working_days: int  # how many working days the answer took (2..14; above 10 is late)


DEMO_ANSWERS: tuple[DemoAnswer, ...] = (
    # ------------------------------------------------------------------ Đất đai
    DemoAnswer(
        category="dat-dai",
        title="Đất sử dụng từ năm 1992 không có giấy tờ thì có được cấp sổ đỏ lần đầu không?",
        question=(
            "Kính gửi Sở Nông nghiệp và Môi trường, tôi xin hỏi: gia đình tôi ở thôn 5, xã Hoằng Hóa, sử dụng thửa đất "
            "khoảng 320 m² từ năm 1992, bố mẹ tôi làm nhà ở ổn định từ đó đến nay, không tranh chấp với ai nhưng không có "
            "bất kỳ giấy tờ nào về đất. Nay tôi muốn làm sổ đỏ lần đầu thì có được không, cần chuẩn bị giấy tờ gì, nộp ở "
            "đâu và có phải nộp tiền sử dụng đất không? Tôi xin cảm ơn."
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Theo quy định của **Luật Đất đai năm 2024** và Nghị định số 101/2024/NĐ-CP của Chính phủ, hộ gia đình, cá "
            "nhân đang sử dụng đất ổn định mà không có giấy tờ về quyền sử dụng đất vẫn được xem xét cấp Giấy chứng nhận "
            "quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất nếu đất không có tranh chấp, không vi phạm pháp "
            "luật về đất đai, phù hợp với quy hoạch và được Ủy ban nhân dân cấp xã xác nhận về nguồn gốc, thời điểm sử "
            "dụng. Gia đình ông sử dụng đất để ở từ năm 1992, tức là trước ngày 15/10/1993, thuộc trường hợp được xem xét "
            "công nhận quyền sử dụng đất.\n\n"
            "Hồ sơ gồm:\n\n"
            "- Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu;\n"
            "- Giấy tờ, tài liệu chứng minh thời điểm bắt đầu sử dụng đất (nếu có), ví dụ biên lai nộp thuế nhà đất "
            "hoặc hợp đồng sử dụng điện, nước;\n"
            "- Trích lục hoặc mảnh trích đo bản đồ địa chính thửa đất.\n\n"
            "Ông nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã Hoằng Hóa hoặc trực tuyến trên Cổng Dịch vụ công "
            "quốc gia https://dichvucong.gov.vn. Ủy ban nhân dân xã sẽ kiểm tra hiện trạng, xác nhận nguồn gốc, thời điểm "
            "sử dụng đất và niêm yết công khai trước khi giải quyết theo quy trình.\n\n"
            "Về nghĩa vụ tài chính, việc có phải nộp tiền sử dụng đất hay không và mức nộp được xác định theo Nghị định "
            "số 103/2024/NĐ-CP, căn cứ vào thời điểm sử dụng đất, phần diện tích trong hay ngoài hạn mức công nhận đất ở "
            "do Ủy ban nhân dân tỉnh quy định và bảng giá đất. Cơ quan thuế sẽ ra thông báo cụ thể sau khi nhận được "
            "thông tin địa chính của hồ sơ."
        ),
        name="Lê Văn Thắng",
        show_name=True,
        area="hoang-hoa",
        days_ago=292,
        answer_working_days=8,
    ),
    DemoAnswer(
        category="dat-dai",
        title="Tách thửa đất để tặng cho hai con trai ở xã Triệu Sơn",
        question=(
            "Tôi có thửa đất 450 m² tại xã Triệu Sơn, trong đó có 200 m² đất ở, đã được cấp sổ đỏ năm 2009. Tôi muốn "
            "tách làm hai thửa để cho hai con trai mỗi người một phần làm nhà. Xin hỏi điều kiện tách thửa hiện nay thế "
            "nào, thủ tục làm ra sao và các con tôi có phải nộp thuế khi nhận đất không?"
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Theo Điều 220 **Luật Đất đai năm 2024**, việc tách thửa đất phải bảo đảm các nguyên tắc, điều kiện chính: "
            "thửa đất đã được cấp Giấy chứng nhận, còn thời hạn sử dụng đất, không có tranh chấp, không bị kê biên để "
            "bảo đảm thi hành án; thửa đất hình thành sau khi tách phải có lối đi kết nối với đường giao thông công cộng "
            "và đáp ứng diện tích tối thiểu, kích thước cạnh tối thiểu do Ủy ban nhân dân tỉnh quy định đối với từng "
            "loại đất, từng khu vực.\n\n"
            "Ông có thể thực hiện đồng thời việc tách thửa và tặng cho quyền sử dụng đất theo trình tự sau:\n\n"
            "- Đo đạc, lập bản vẽ tách thửa và nộp hồ sơ đề nghị tách thửa tại Trung tâm Phục vụ hành chính công xã "
            "Triệu Sơn hoặc trực tuyến;\n"
            "- Lập hợp đồng tặng cho quyền sử dụng đất có công chứng hoặc chứng thực đối với từng thửa mới;\n"
            "- Nộp hồ sơ đăng ký biến động để cấp Giấy chứng nhận mới đứng tên từng con.\n\n"
            "Về nghĩa vụ tài chính, thu nhập từ nhận tặng cho bất động sản giữa cha, mẹ đẻ với con đẻ thuộc trường hợp "
            "được miễn thuế thu nhập cá nhân theo Luật Thuế thu nhập cá nhân, đồng thời được miễn lệ phí trước bạ theo "
            "Nghị định số 10/2022/NĐ-CP. Tuy nhiên, các con ông vẫn phải kê khai để được xác nhận miễn. Ông nên liên hệ "
            "bộ phận địa chính xã để được kiểm tra trước diện tích tối thiểu và lối đi của các thửa dự kiến tách."
        ),
        name="Trịnh Văn Hòa",
        show_name=True,
        area="trieu-son",
        days_ago=199,
        answer_working_days=6,
    ),
    DemoAnswer(
        category="dat-dai",
        title="Diện tích đo thực tế lớn hơn trong sổ đỏ thì xử lý thế nào?",
        question=(
            "Sổ đỏ nhà tôi cấp năm 2005 ghi diện tích 280 m², nhưng vừa rồi đo lại để làm thủ tục thế chấp thì thực tế "
            "là 302 m². Ranh giới với các nhà xung quanh vẫn giữ nguyên từ trước đến nay, hàng rào xây từ năm 2000. Tôi "
            "có được cấp đổi theo diện tích thực tế không và phần tăng thêm có phải nộp tiền không?"
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Theo quy định của **Luật Đất đai năm 2024**, trường hợp có chênh lệch giữa số liệu đo đạc thực tế và số "
            "liệu ghi trên Giấy chứng nhận đã cấp, nếu ranh giới thửa đất đang sử dụng không thay đổi so với ranh giới "
            "tại thời điểm được cấp Giấy chứng nhận và không có tranh chấp với người sử dụng đất liền kề, thì khi cấp "
            "đổi Giấy chứng nhận, diện tích được xác định theo số liệu đo đạc thực tế. Người sử dụng đất **không phải "
            "nộp tiền sử dụng đất** đối với phần diện tích chênh lệch tăng thêm trong trường hợp này.\n\n"
            "Bà nộp hồ sơ đề nghị cấp đổi Giấy chứng nhận tại Trung tâm Phục vụ hành chính công xã Nga Sơn, kèm bản gốc "
            "Giấy chứng nhận đã cấp và mảnh trích đo địa chính mới. Văn phòng Đăng ký đất đai sẽ kiểm tra, đối chiếu hồ "
            "sơ địa chính lưu trữ; Ủy ban nhân dân xã xác nhận việc ranh giới không thay đổi và không có tranh chấp.\n\n"
            "Trường hợp kết quả kiểm tra cho thấy ranh giới đã thay đổi (ví dụ lấn sang đất công hoặc đất liền kề), "
            "phần diện tích tăng thêm sẽ được xem xét theo trường hợp cụ thể và có thể phát sinh nghĩa vụ tài chính."
        ),
        name="Phạm Thị Lan",
        show_name=False,
        area="nga-son",
        days_ago=346,
        answer_working_days=9,
    ),
    DemoAnswer(
        category="dat-dai",
        title="Giá bồi thường đất nông nghiệp khi thu hồi làm đường ở phường Đông Sơn",
        question=(
            "Gia đình tôi có 1.200 m² đất trồng lúa ở phường Đông Sơn nằm trong diện thu hồi để làm tuyến đường mới. Hội "
            "đồng bồi thường đã họp dân nhưng chúng tôi thấy giá bồi thường thấp hơn nhiều so với giá mua bán ngoài thị "
            "trường. Xin hỏi giá bồi thường được tính theo căn cứ nào, ngoài tiền đất chúng tôi còn được hỗ trợ gì, và "
            "nếu không đồng ý thì chúng tôi có quyền gì?"
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Việc bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất được thực hiện theo **Luật Đất đai năm 2024** "
            "và Nghị định số 88/2024/NĐ-CP của Chính phủ. Giá đất để tính tiền bồi thường là **giá đất cụ thể** do Ủy "
            "ban nhân dân tỉnh quyết định tại thời điểm phê duyệt phương án bồi thường, được xác định theo các phương "
            "pháp định giá đất quy định, có tham khảo thông tin giá đất phổ biến trên thị trường, chứ không phải giá theo "
            "từng giao dịch riêng lẻ.\n\n"
            "Ngoài tiền bồi thường về đất, hộ gia đình, cá nhân trực tiếp sản xuất nông nghiệp bị thu hồi đất còn được "
            "xem xét các khoản:\n\n"
            "- Bồi thường chi phí đầu tư vào đất còn lại và cây trồng, hoa màu trên đất (nếu có);\n"
            "- Hỗ trợ ổn định đời sống và sản xuất;\n"
            "- Hỗ trợ đào tạo, chuyển đổi nghề và tìm kiếm việc làm.\n\n"
            "Dự thảo phương án bồi thường phải được niêm yết công khai và lấy ý kiến người có đất thu hồi trước khi "
            "trình phê duyệt; ông có quyền góp ý bằng văn bản trong thời gian lấy ý kiến. Sau khi có quyết định phê "
            "duyệt phương án, nếu không đồng ý, ông có quyền khiếu nại theo Luật Khiếu nại năm 2011 hoặc khởi kiện "
            "theo quy định của pháp luật về tố tụng hành chính."
        ),
        name="Hoàng Văn Tuấn",
        show_name=True,
        area="dong-son",
        days_ago=143,
        answer_working_days=12,
    ),
    DemoAnswer(
        category="dat-dai",
        title="Chuyển mục đích 100 m² đất vườn sang đất ở trong cùng thửa",
        question=(
            "Xin chào Sở. Thửa đất của tôi ở phường Quảng Phú có 150 m² đất ở và 300 m² đất trồng cây lâu năm (đất "
            "vườn) trong cùng một sổ. Tôi muốn chuyển 100 m² đất vườn sang đất ở để làm nhà cho con gái. Thủ tục thế nào "
            "và tiền sử dụng đất phải nộp được tính ra sao?"
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Theo **Luật Đất đai năm 2024**, chuyển đất nông nghiệp (trong đó có đất trồng cây lâu năm) sang đất ở là "
            "trường hợp chuyển mục đích sử dụng đất phải được cơ quan nhà nước có thẩm quyền cho phép. Căn cứ để cho "
            "phép là quy hoạch, kế hoạch sử dụng đất đã được phê duyệt; vì vậy trước hết ông cần kiểm tra vị trí đất vườn "
            "dự kiến chuyển có phù hợp với quy hoạch đất ở hay không.\n\n"
            "Hồ sơ gồm đơn đề nghị chuyển mục đích sử dụng đất và Giấy chứng nhận đã cấp, nộp tại Trung tâm Phục vụ hành "
            "chính công phường Quảng Phú hoặc trực tuyến trên https://dichvucong.gov.vn. Sau khi có quyết định cho phép "
            "chuyển mục đích, ông thực hiện nghĩa vụ tài chính và được chỉnh lý hoặc cấp mới Giấy chứng nhận.\n\n"
            "Tiền sử dụng đất khi chuyển mục đích được tính theo Nghị định số 103/2024/NĐ-CP và các văn bản sửa đổi, "
            "bổ sung, về nguyên tắc bằng chênh lệch giữa tiền sử dụng đất của loại đất sau khi chuyển và của loại đất "
            "trước khi chuyển, xác định theo bảng giá đất của tỉnh tại thời điểm có quyết định. Số tiền cụ thể do cơ quan "
            "thuế thông báo sau khi nhận thông tin địa chính.\n\n"
            "Sau khi nhận đất ở, nếu muốn đứng tên con gái, ông thực hiện thêm thủ tục tách thửa và tặng cho quyền sử "
            "dụng đất theo quy định."
        ),
        name="Đỗ Quang Vinh",
        show_name=False,
        area="quang-phu",
        days_ago=88,
        answer_working_days=7,
    ),
    DemoAnswer(
        category="dat-dai",
        title="Bị mất sổ đỏ thì xin cấp lại ở đâu, mất bao lâu?",
        question=(
            "Nhà tôi ở xã Yên Định bị cháy bếp hồi đầu tháng, tủ giấy tờ cháy mất cả sổ đỏ. Tôi đã báo công an xã. Xin "
            "hướng dẫn thủ tục cấp lại sổ đỏ bị mất."
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Theo Nghị định số 101/2024/NĐ-CP quy định chi tiết **Luật Đất đai năm 2024** về đăng ký, cấp Giấy chứng "
            "nhận, người sử dụng đất bị mất Giấy chứng nhận được đề nghị cấp lại. Trình tự như sau:\n\n"
            "- Bà nộp đơn đề nghị cấp lại Giấy chứng nhận tại Trung tâm Phục vụ hành chính công xã Yên Định, nêu rõ lý do "
            "mất (có thể kèm xác nhận của Công an xã về vụ cháy);\n"
            "- Ủy ban nhân dân xã niêm yết công khai thông báo về việc mất Giấy chứng nhận tại trụ sở trong thời hạn theo "
            "quy định;\n"
            "- Hết thời hạn niêm yết mà không có ai khiếu nại, Văn phòng Đăng ký đất đai kiểm tra hồ sơ địa chính và trình "
            "cấp lại Giấy chứng nhận.\n\n"
            "Giấy chứng nhận cũ bị hủy trong hồ sơ địa chính khi cấp Giấy chứng nhận mới, vì vậy bà không lo người khác "
            "dùng giấy cũ để giao dịch. Thông tin thửa đất vẫn được lưu trong cơ sở dữ liệu đất đai nên bà không phải đo "
            "đạc lại nếu thửa đất không có biến động."
        ),
        name="Nguyễn Thị Thu",
        show_name=True,
        area="yen-dinh",
        days_ago=33,
        answer_working_days=4,
    ),
    # ------------------------------------------------------------------ Cấp phép xây dựng
    DemoAnswer(
        category="giay-phep-xay-dung",
        title="Thủ tục xin giấy phép xây dựng nhà ở 4 tầng tại phường Hạc Thành",
        question=(
            "Tôi có mảnh đất 85 m² đã có sổ đỏ trong ngõ thuộc phường Hạc Thành, dự định xây nhà ở 4 tầng cho gia đình. "
            "Xin hỏi hồ sơ xin giấy phép xây dựng gồm những gì, bây giờ không còn cấp huyện thì nộp ở đâu, và bao lâu "
            "thì có giấy phép? Tôi có thể nộp trực tuyến được không?"
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Theo **Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020)** và Nghị định số 175/2024/NĐ-CP của Chính phủ, "
            "nhà ở riêng lẻ tại đô thị phải có giấy phép xây dựng trước khi khởi công, trừ các trường hợp được miễn. Từ "
            "ngày 01/7/2025, theo phân cấp hiện hành, việc cấp giấy phép xây dựng nhà ở riêng lẻ trên địa bàn phường do "
            "Ủy ban nhân dân phường Hạc Thành thực hiện.\n\n"
            "Hồ sơ đề nghị cấp giấy phép gồm:\n\n"
            "- Đơn đề nghị cấp giấy phép xây dựng theo mẫu;\n"
            "- Bản sao giấy tờ chứng minh quyền sử dụng đất (Giấy chứng nhận đã cấp);\n"
            "- Hai bộ bản vẽ thiết kế: mặt bằng vị trí công trình trên lô đất, mặt bằng các tầng, mặt đứng, mặt cắt "
            "chính, mặt bằng móng và sơ đồ đấu nối hạ tầng kỹ thuật.\n\n"
            "Do nhà ông cao 4 tầng, bản vẽ thiết kế cần do tổ chức hoặc cá nhân có năng lực hoạt động xây dựng phù hợp "
            "lập; hộ gia đình chỉ được tự thiết kế nhà ở riêng lẻ có quy mô nhỏ theo quy định. Thời hạn cấp giấy phép đối "
            "với nhà ở riêng lẻ là **15 ngày** kể từ ngày nhận đủ hồ sơ hợp lệ.\n\n"
            "Ông có thể nộp trực tiếp tại Trung tâm Phục vụ hành chính công phường Hạc Thành hoặc trực tuyến tại "
            "https://dichvucong.gov.vn. Khi thiết kế, đề nghị ông tuân thủ chỉ giới xây dựng, tầng cao và các yêu cầu của "
            "quy chế quản lý kiến trúc đã được phê duyệt cho khu vực."
        ),
        name="Nguyễn Đức Minh",
        show_name=True,
        area="hac-thanh",
        days_ago=176,
        answer_working_days=5,
    ),
    DemoAnswer(
        category="giay-phep-xay-dung",
        title="Xây nhà 2 tầng ở nông thôn có phải xin giấy phép không?",
        question=(
            "Kính gửi Sở Xây dựng. Tôi ở một thôn thuộc xã Thọ Xuân, định phá nhà cấp 4 cũ để xây nhà 2 tầng trên đất ở "
            "của gia đình. Hàng xóm bảo ở quê không cần xin phép, nhưng có người lại nói từ khi sáp nhập thì phải xin. "
            "Mong Sở giải đáp giúp."
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Theo **Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020)**, nhà ở riêng lẻ ở nông thôn có quy mô **dưới 07 "
            "tầng** và thuộc khu vực **không có** quy hoạch đô thị, quy hoạch xây dựng khu chức năng hoặc quy hoạch chi "
            "tiết xây dựng điểm dân cư nông thôn đã được phê duyệt thì được miễn giấy phép xây dựng. Việc sáp nhập đơn vị "
            "hành chính cấp xã không làm thay đổi quy định này.\n\n"
            "Ngược lại, nếu vị trí thửa đất nằm trong khu vực đã có quy hoạch chi tiết được phê duyệt (ví dụ khu dân cư "
            "mới, khu vực dọc các tuyến đường đã có quy hoạch, khu vực được định hướng phát triển đô thị) thì ông phải "
            "xin giấy phép xây dựng trước khi khởi công.\n\n"
            "Để biết chắc chắn, ông đề nghị Ủy ban nhân dân xã Thọ Xuân cung cấp thông tin quy hoạch tại vị trí thửa "
            "đất. Dù được miễn giấy phép, ông vẫn phải xây dựng đúng mục đích sử dụng đất, bảo đảm an toàn cho các công "
            "trình lân cận và vệ sinh môi trường trong quá trình thi công."
        ),
        name="Lê Đình Khoa",
        show_name=False,
        area="tho-xuan",
        days_ago=125,
        answer_working_days=3,
    ),
    DemoAnswer(
        category="giay-phep-xay-dung",
        title="Sửa chữa, chống thấm và thay mái tôn có cần giấy phép xây dựng không?",
        question=(
            "Nhà tôi ở mặt phố thuộc phường Hàm Rồng, xây năm 2008. Nay tôi muốn chống thấm tường, thay mái tôn tầng "
            "thượng và ốp lại gạch mặt tiền. Những việc này có phải xin phép không ạ?"
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Theo **Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020)**, công trình sửa chữa, cải tạo **bên trong** "
            "công trình, hoặc sửa chữa, cải tạo mặt ngoài không tiếp giáp với đường trong đô thị có yêu cầu về quản lý "
            "kiến trúc, được miễn giấy phép xây dựng nếu không làm thay đổi công năng sử dụng, không ảnh hưởng đến an "
            "toàn kết cấu chịu lực và bảo đảm yêu cầu về phòng cháy, chữa cháy, môi trường.\n\n"
            "Đối chiếu với trường hợp của bà:\n\n"
            "- Chống thấm tường và thay mái tôn tầng thượng theo kích thước cũ, không nâng tầng, không thay đổi kết cấu "
            "chịu lực: không phải xin giấy phép;\n"
            "- Ốp lại mặt tiền: nếu tuyến phố thuộc khu vực có yêu cầu quản lý kiến trúc theo quy chế được phê duyệt thì "
            "việc thay đổi mặt ngoài phải được cấp phép sửa chữa, cải tạo.\n\n"
            "Bà nên liên hệ Ủy ban nhân dân phường Hàm Rồng để được xác nhận tuyến phố có thuộc khu vực quản lý kiến "
            "trúc hay không trước khi thi công. Trong quá trình sửa chữa, bà cần che chắn, không để vật liệu rơi xuống vỉa "
            "hè và lòng đường."
        ),
        name="Vũ Thị Hạnh",
        show_name=True,
        area="ham-rong",
        days_ago=259,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="giay-phep-xay-dung",
        title="Nhà bên cạnh ép cọc xây 5 tầng làm nứt tường nhà tôi ở phường Quang Trung",
        question=(
            "Từ tuần trước, nhà bên cạnh khởi công xây nhà 5 tầng, dùng máy ép cọc suốt ngày làm tường nhà tôi nứt nhiều "
            "vết dài, nền nhà bếp bị lún. Tôi đã sang nói chuyện nhưng chủ nhà bảo cứ xây xong rồi tính. Đề nghị cơ quan "
            "chức năng xuống kiểm tra giấy phép và buộc họ có biện pháp bảo vệ nhà tôi."
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Ngay sau khi nhận phản ánh, Sở Xây dựng đã chuyển thông tin và đề nghị Ủy ban nhân dân phường Quang Trung, "
            "đơn vị quản lý trật tự xây dựng trên địa bàn, kiểm tra hiện trường. Kết quả kiểm tra cho thấy công trình có "
            "giấy phép xây dựng nhưng nhà thầu chưa thực hiện đầy đủ biện pháp bảo đảm an toàn cho công trình liền kề. "
            "Ủy ban nhân dân phường đã lập biên bản, yêu cầu tạm dừng ép cọc cho đến khi chủ đầu tư có phương án gia cố "
            "và lập biên bản ghi nhận hiện trạng nhà ông.\n\n"
            "Theo **Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020)**, chủ đầu tư và nhà thầu thi công có trách nhiệm "
            "bảo đảm an toàn cho công trình lân cận và phải bồi thường thiệt hại do mình gây ra. Hành vi vi phạm quy định "
            "về an toàn trong thi công bị xử phạt theo Nghị định số 16/2022/NĐ-CP.\n\n"
            "Về bồi thường, ông và chủ đầu tư có thể thỏa thuận trên cơ sở kết quả giám định hiện trạng; Ủy ban nhân dân "
            "phường sẽ tổ chức hòa giải nếu ông đề nghị. Nếu không thỏa thuận được, ông có quyền khởi kiện tại Tòa án "
            "theo quy định của Bộ luật Dân sự năm 2015."
        ),
        name="Mai Xuân Trường",
        show_name=True,
        area="quang-trung",
        days_ago=19,
        answer_working_days=3,
    ),
    DemoAnswer(
        category="giay-phep-xay-dung",
        title="Giấy phép xây dựng cấp đã hơn một năm nhưng chưa khởi công, có phải xin lại không?",
        question=(
            "Tôi được cấp giấy phép xây dựng nhà ở tại phường Sầm Sơn từ năm ngoái, nhưng do chưa thu xếp đủ tiền nên "
            "đến nay đã quá 12 tháng mà chưa khởi công. Giấy phép của tôi còn giá trị không, hay phải làm lại từ đầu?"
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Theo **Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020)**, giấy phép xây dựng có hiệu lực khởi công trong "
            "thời hạn **12 tháng** kể từ ngày cấp. Trước thời điểm giấy phép hết hiệu lực khởi công, nếu công trình chưa "
            "khởi công thì chủ đầu tư phải đề nghị gia hạn; mỗi giấy phép chỉ được gia hạn tối đa **02 lần**, mỗi lần "
            "12 tháng.\n\n"
            "Trường hợp giấy phép của bà đã hết hiệu lực khởi công mà chưa được gia hạn, bà cần đề nghị cấp giấy phép "
            "xây dựng mới. Nếu thiết kế không thay đổi và khu vực không điều chỉnh quy hoạch, hồ sơ thường đơn giản vì "
            "đã có bản vẽ được duyệt trước đó.\n\n"
            "Hồ sơ nộp tại Trung tâm Phục vụ hành chính công phường Sầm Sơn hoặc qua https://dichvucong.gov.vn. Bà lưu ý "
            "không khởi công khi giấy phép đã hết hiệu lực, vì đó là hành vi xây dựng không có giấy phép và bị xử phạt "
            "theo quy định."
        ),
        name="Cao Thị Ngọc",
        show_name=False,
        area="sam-son",
        days_ago=60,
        answer_working_days=6,
    ),
    # ------------------------------------------------------------------ Bảo hiểm
    DemoAnswer(
        category="bao-hiem",
        title="Nghỉ việc từ tháng 9 năm ngoái, đóng 8 năm BHXH thì có được rút một lần không?",
        question=(
            "Tôi là công nhân ở khu kinh tế Nghi Sơn, đã đóng bảo hiểm xã hội được 8 năm, nghỉ việc từ tháng 9 năm ngoái "
            "và đến nay chưa đi làm lại. Tôi nghe nói Luật Bảo hiểm xã hội mới không cho rút một lần nữa. Xin hỏi trường "
            "hợp của tôi có được rút không, nếu được thì làm ở đâu và được bao nhiêu?"
        ),
        answer=(
            "Về vấn đề này, Bảo hiểm xã hội tỉnh Thanh Hóa trả lời như sau:\n\n"
            "**Luật Bảo hiểm xã hội năm 2024** có hiệu lực từ ngày 01/7/2025. Theo đó, người lao động **bắt đầu tham gia "
            "bảo hiểm xã hội trước ngày 01/7/2025**, sau 12 tháng không thuộc đối tượng tham gia bảo hiểm xã hội bắt "
            "buộc, không tham gia bảo hiểm xã hội tự nguyện và có thời gian đóng dưới 20 năm, nếu có yêu cầu thì được "
            "hưởng bảo hiểm xã hội một lần. Chị tham gia từ trước năm 2025, đóng 8 năm nên khi đủ 12 tháng kể từ tháng "
            "nghỉ việc mà không tham gia lại thì đủ điều kiện.\n\n"
            "Mức hưởng được tính theo số năm đã đóng: 1,5 tháng mức bình quân tiền lương cho mỗi năm đóng trước năm 2014 "
            "và 02 tháng cho mỗi năm đóng từ năm 2014 trở đi.\n\n"
            "Tuy nhiên, Bảo hiểm xã hội tỉnh khuyến nghị chị cân nhắc **bảo lưu** thời gian đóng. Luật mới giảm số năm "
            "đóng tối thiểu để hưởng lương hưu xuống **15 năm**; chị có thể tiếp tục đóng bảo hiểm xã hội tự nguyện khi "
            "chưa có việc làm để sau này có lương hưu và thẻ bảo hiểm y tế khi về già.\n\n"
            "Nếu vẫn muốn hưởng một lần, chị nộp hồ sơ trực tuyến qua ứng dụng VssID, Cổng Dịch vụ công quốc gia "
            "https://dichvucong.gov.vn, hoặc trực tiếp tại cơ quan bảo hiểm xã hội nơi cư trú."
        ),
        name="Lê Thị Hương",
        show_name=False,
        area="nghi-son",
        days_ago=116,
        answer_working_days=5,
    ),
    DemoAnswer(
        category="bao-hiem",
        title="Con mới sinh đã làm khai sinh trực tuyến, bao giờ có thẻ bảo hiểm y tế?",
        question=(
            "Con tôi sinh được 3 tuần, tôi đã đăng ký khai sinh trên mạng và chọn luôn đăng ký thường trú, cấp thẻ bảo "
            "hiểm y tế. Đến nay khai sinh và thường trú đã xong nhưng chưa thấy thẻ. Cháu đang bị sốt, nếu đưa đi khám "
            "bây giờ thì dùng giấy tờ gì để được hưởng bảo hiểm y tế?"
        ),
        answer=(
            "Về vấn đề này, Bảo hiểm xã hội tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo Nghị định số 63/2024/NĐ-CP của Chính phủ, đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y "
            "tế cho trẻ em dưới 6 tuổi là nhóm thủ tục liên thông điện tử. Sau khi có kết quả đăng ký thường trú, hệ thống "
            "chuyển thông tin sang cơ quan bảo hiểm xã hội để cấp thẻ; thẻ được hiển thị trên ứng dụng VssID và tài khoản "
            "định danh điện tử VNeID của cha hoặc mẹ.\n\n"
            "Cơ quan bảo hiểm xã hội đã kiểm tra hồ sơ của cháu: thẻ bảo hiểm y tế đã được cấp, chậm hiển thị do sai lệch "
            "thông tin nơi đăng ký khám chữa bệnh ban đầu và đã được xử lý. Chị có thể tra cứu mã thẻ trên VssID.\n\n"
            "Trong thời gian chưa nhận được thẻ, trẻ em dưới 6 tuổi đi khám bệnh, chữa bệnh chỉ cần xuất trình **giấy "
            "khai sinh** hoặc cung cấp **số định danh cá nhân** của trẻ; cơ sở khám chữa bệnh sẽ tra cứu và thanh toán "
            "theo chế độ bảo hiểm y tế. Thẻ của trẻ có giá trị đến ngày trẻ đủ 72 tháng tuổi."
        ),
        name="Trần Thị Mai Anh",
        show_name=True,
        area="dong-quang",
        days_ago=10,
        answer_working_days=2,
    ),
    DemoAnswer(
        category="bao-hiem",
        title="Mức đóng bảo hiểm y tế hộ gia đình có 5 người",
        question=(
            "Gia đình tôi ở xã Hậu Lộc có 5 người làm nông, không ai thuộc diện được cấp thẻ miễn phí: vợ chồng tôi, "
            "mẹ tôi 68 tuổi và hai con đang học cấp 3. Xin hỏi nếu mua bảo hiểm y tế theo hộ gia đình thì mỗi người đóng "
            "bao nhiêu, các cháu đang đi học có phải mua theo hộ không?"
        ),
        answer=(
            "Về vấn đề này, Bảo hiểm xã hội tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo **Luật Bảo hiểm y tế** (đã được sửa đổi, bổ sung năm 2024) và các văn bản hướng dẫn, mỗi người chỉ tham "
            "gia bảo hiểm y tế theo một nhóm đối tượng, ưu tiên nhóm có mức hỗ trợ cao hơn. Hai cháu đang học trung học "
            "phổ thông thuộc nhóm **học sinh, sinh viên**, tham gia tại nhà trường và được ngân sách nhà nước hỗ trợ một "
            "phần mức đóng, vì vậy không tính vào danh sách tham gia theo hộ gia đình.\n\n"
            "Ba người còn lại (ông, bà và mẹ ông) tham gia theo hộ gia đình với mức đóng giảm dần:\n\n"
            "- Người thứ nhất đóng bằng 4,5% mức lương cơ sở;\n"
            "- Người thứ hai đóng bằng 70% mức đóng của người thứ nhất;\n"
            "- Người thứ ba đóng bằng 60% mức đóng của người thứ nhất.\n\n"
            "Số tiền cụ thể được tính theo mức lương cơ sở tại thời điểm đóng và thời gian tham gia (03, 06 hoặc 12 "
            "tháng). Ông có thể đăng ký tại điểm thu bảo hiểm xã hội, bảo hiểm y tế tại xã, tại bưu điện hoặc đóng "
            "trực tuyến qua ứng dụng VssID."
        ),
        name="Nguyễn Văn Bình",
        show_name=True,
        area="hau-loc",
        days_ago=305,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="bao-hiem",
        title="Bị cắt giảm lao động, làm thủ tục hưởng trợ cấp thất nghiệp ở đâu?",
        question=(
            "Tôi làm ở một nhà máy xi măng ở phường Bỉm Sơn được 6 năm, có đóng bảo hiểm thất nghiệp đầy đủ. Đầu tháng "
            "này công ty cắt giảm lao động và đã chấm dứt hợp đồng với tôi. Tôi cần làm gì để được hưởng trợ cấp thất "
            "nghiệp, thời hạn nộp hồ sơ là bao lâu?"
        ),
        answer=(
            "Về vấn đề này, Bảo hiểm xã hội tỉnh Thanh Hóa phối hợp với Sở Nội vụ trả lời như sau:\n\n"
            "Theo pháp luật về bảo hiểm thất nghiệp, người lao động được hưởng trợ cấp thất nghiệp khi đã chấm dứt hợp "
            "đồng lao động (trừ trường hợp đơn phương chấm dứt trái pháp luật), đã đóng bảo hiểm thất nghiệp từ đủ 12 "
            "tháng trở lên trong thời gian luật định trước khi chấm dứt hợp đồng, và nộp hồ sơ đúng hạn tại trung tâm "
            "dịch vụ việc làm.\n\n"
            "Hồ sơ gồm đề nghị hưởng trợ cấp thất nghiệp và giấy tờ chứng minh việc chấm dứt hợp đồng lao động (quyết "
            "định thôi việc hoặc thông báo chấm dứt hợp đồng). Anh cần nộp trong thời hạn **03 tháng** kể từ ngày chấm "
            "dứt hợp đồng, tại Trung tâm Dịch vụ việc làm tỉnh (thuộc Sở Nội vụ) hoặc trực tuyến trên "
            "https://dichvucong.gov.vn.\n\n"
            "Mức hưởng hằng tháng bằng 60% mức bình quân tiền lương tháng đóng bảo hiểm thất nghiệp của 06 tháng gần "
            "nhất, có mức trần theo quy định; thời gian hưởng tính theo số tháng đã đóng. Trong thời gian hưởng, anh còn "
            "được tư vấn, giới thiệu việc làm miễn phí, hỗ trợ học nghề và được cấp thẻ bảo hiểm y tế."
        ),
        name="Bùi Văn Cường",
        show_name=False,
        area="bim-son",
        days_ago=157,
        answer_working_days=7,
    ),
    DemoAnswer(
        category="bao-hiem",
        title="Đóng bảo hiểm xã hội tự nguyện từ năm 45 tuổi có kịp hưởng lương hưu không?",
        question=(
            "Tôi năm nay 45 tuổi, làm ruộng và buôn bán nhỏ ở xã Nga Sơn, chưa đóng bảo hiểm xã hội ngày nào. Nếu bây giờ "
            "bắt đầu đóng tự nguyện thì đến tuổi nghỉ hưu có được lương hưu không? Người nông dân có được nhà nước hỗ trợ "
            "tiền đóng không?"
        ),
        answer=(
            "Về vấn đề này, Bảo hiểm xã hội tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo **Luật Bảo hiểm xã hội năm 2024**, người tham gia bảo hiểm xã hội tự nguyện được hưởng lương hưu khi "
            "đủ tuổi nghỉ hưu theo lộ trình của Bộ luật Lao động năm 2019 và có **đủ 15 năm đóng bảo hiểm xã hội trở "
            "lên** (trước đây là 20 năm). Bà bắt đầu đóng từ 45 tuổi và đóng liên tục thì sẽ đủ 15 năm trước tuổi nghỉ "
            "hưu, vì vậy hoàn toàn có thể hưởng lương hưu.\n\n"
            "Mức đóng hằng tháng bằng 22% mức thu nhập do bà tự chọn, thấp nhất bằng mức chuẩn hộ nghèo khu vực nông "
            "thôn. Ngân sách nhà nước hỗ trợ một phần tiền đóng theo tỷ lệ khác nhau cho người thuộc hộ nghèo, hộ cận "
            "nghèo và các đối tượng khác; bà có thể chọn đóng hằng tháng, 03 tháng, 06 tháng, 12 tháng hoặc đóng một lần "
            "cho nhiều năm về sau.\n\n"
            "Ngoài lương hưu, Luật mới bổ sung **trợ cấp thai sản** cho người tham gia bảo hiểm xã hội tự nguyện khi sinh "
            "con và người hưởng lương hưu được cấp thẻ bảo hiểm y tế. Bà có thể đăng ký tại đại lý thu bảo hiểm xã hội ở "
            "xã, bưu điện hoặc trên ứng dụng VssID."
        ),
        name="Mai Thị Duyên",
        show_name=True,
        area="nga-son",
        days_ago=222,
        answer_working_days=5,
    ),
    DemoAnswer(
        category="bao-hiem",
        title="Chồng được nghỉ mấy ngày hưởng chế độ thai sản khi vợ sinh mổ?",
        question=(
            "Vợ tôi vừa sinh mổ ở Bệnh viện Phụ sản Thanh Hóa. Tôi đang làm việc ở một công ty tại phường Tĩnh Gia, có "
            "đóng bảo hiểm xã hội. Xin hỏi tôi được nghỉ bao nhiêu ngày, có phải nghỉ liền một lần không, và vợ tôi không "
            "đi làm thì tôi có được nhận trợ cấp một lần khi sinh con không?"
        ),
        answer=(
            "Về vấn đề này, Bảo hiểm xã hội tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo **Luật Bảo hiểm xã hội năm 2024**, lao động nam đang đóng bảo hiểm xã hội khi vợ sinh con được nghỉ việc "
            "hưởng chế độ thai sản:\n\n"
            "- 05 ngày làm việc trong trường hợp thông thường;\n"
            "- 07 ngày làm việc khi vợ sinh con phải phẫu thuật hoặc sinh con dưới 32 tuần tuổi;\n"
            "- Thời gian dài hơn nếu vợ sinh đôi trở lên.\n\n"
            "Trường hợp của anh được nghỉ 07 ngày làm việc. Thời gian nghỉ này phải thực hiện trong vòng 60 ngày kể từ "
            "ngày vợ sinh con và có thể nghỉ nhiều lần, nhưng tổng số ngày không vượt quá mức nêu trên.\n\n"
            "Về trợ cấp một lần khi sinh con: trường hợp chỉ có cha tham gia bảo hiểm xã hội thì người cha được hưởng trợ "
            "cấp một lần bằng **02 lần mức tham chiếu** cho mỗi con, với điều kiện anh đã đóng bảo hiểm xã hội đủ thời "
            "gian quy định trước khi vợ sinh. Anh nộp giấy chứng sinh hoặc giấy khai sinh của cháu cho công ty để công ty "
            "lập hồ sơ gửi cơ quan bảo hiểm xã hội."
        ),
        name="Lê Quang Huy",
        show_name=True,
        area="tinh-gia",
        days_ago=70,
        answer_working_days=3,
    ),
)
