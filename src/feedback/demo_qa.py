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
    area: str | None  # an area code of the demo province (feedback.demo.DEMO_PROVINCE), or None
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
    # ------------------------------------------------------------------ Hộ tịch, chứng thực
    DemoAnswer(
        category="ho-tich",
        title="Đăng ký khai sinh trực tuyến cho con có cần mang giấy tờ lên phường không?",
        question=(
            "Vợ chồng tôi ở phường Nguyệt Viên, con thứ hai mới sinh được 10 ngày. Tôi muốn đăng ký khai sinh trực tuyến "
            "cho đỡ phải đi lại. Xin hỏi làm trên ứng dụng nào, có phải mang giấy chứng sinh bản gốc lên phường không, và "
            "thời hạn đăng ký khai sinh là bao lâu?"
        ),
        answer=(
            "Về vấn đề này, Sở Tư pháp trả lời như sau:\n\n"
            "Theo **Luật Hộ tịch năm 2014**, trong thời hạn **60 ngày** kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm "
            "đăng ký khai sinh cho con. Anh có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia "
            "https://dichvucong.gov.vn hoặc trên ứng dụng VNeID (đăng nhập bằng tài khoản định danh điện tử mức độ 2), "
            "chọn nhóm thủ tục liên thông đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ em dưới "
            "6 tuổi để giải quyết cùng lúc.\n\n"
            "Khi nộp trực tuyến, anh chụp hoặc quét giấy chứng sinh để đính kèm. Thông tin của cha, mẹ được khai thác từ "
            "Cơ sở dữ liệu quốc gia về dân cư nên anh không phải nộp bản sao giấy tờ tùy thân; thông tin đăng ký kết hôn "
            "cũng được hệ thống đối chiếu.\n\n"
            "Hồ sơ đầy đủ, hợp lệ được giải quyết ngay trong ngày làm việc; trường hợp nhận sau 15 giờ thì trả kết quả "
            "trong ngày làm việc tiếp theo. Anh được cấp bản điện tử Giấy khai sinh vào tài khoản; nếu cần bản giấy, anh "
            "nhận tại Ủy ban nhân dân phường Nguyệt Viên hoặc qua dịch vụ bưu chính công ích, khi đó có thể được đề nghị "
            "xuất trình bản chính giấy chứng sinh để đối chiếu."
        ),
        name="Đặng Văn Long",
        show_name=True,
        area="nguyet-vien",
        days_ago=37,
        answer_working_days=2,
    ),
    DemoAnswer(
        category="ho-tich",
        title="Xin giấy xác nhận tình trạng hôn nhân khi đã từng sống ở nhiều nơi",
        question=(
            "Tôi thường trú ở phường Đông Sơn, nhưng từ năm 2015 đến 2022 tôi làm việc và đăng ký thường trú ở tỉnh Bắc "
            "Ninh, sau đó mới chuyển về quê. Nay tôi cần giấy xác nhận tình trạng hôn nhân để làm thủ tục mua nhà. Tôi có "
            "phải về Bắc Ninh xin xác nhận cho giai đoạn đó không? Giấy có giá trị bao lâu?"
        ),
        answer=(
            "Về vấn đề này, Sở Tư pháp trả lời như sau:\n\n"
            "Theo **Luật Hộ tịch năm 2014** và Nghị định số 123/2015/NĐ-CP của Chính phủ (đã được sửa đổi, bổ sung), "
            "chị đề nghị cấp Giấy xác nhận tình trạng hôn nhân tại Ủy ban nhân dân cấp xã nơi chị đang thường trú, tức "
            "là Ủy ban nhân dân phường Đông Sơn, hoặc nộp trực tuyến trên https://dichvucong.gov.vn.\n\n"
            "Đối với giai đoạn chị thường trú ở nơi khác, công chức tư pháp – hộ tịch sẽ tra cứu Cơ sở dữ liệu hộ tịch "
            "điện tử dùng chung trên toàn quốc. Trường hợp dữ liệu chưa đủ để xác định, chị có thể được đề nghị lập văn "
            "bản cam đoan về tình trạng hôn nhân trong thời gian đó và chịu trách nhiệm về nội dung cam đoan; chị không "
            "bắt buộc phải trở lại Bắc Ninh xin xác nhận.\n\n"
            "Thời hạn giải quyết là 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ. Giấy xác nhận tình trạng hôn nhân "
            "có giá trị **06 tháng** kể từ ngày cấp và chỉ được sử dụng đúng mục đích ghi trong giấy."
        ),
        name="Lê Thị Phương",
        show_name=False,
        area="dong-son",
        days_ago=268,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="ho-tich",
        title="Đăng ký kết hôn với người Hàn Quốc bây giờ làm ở đâu?",
        question=(
            "Kính gửi Sở Tư pháp, tôi là nữ, thường trú tại xã Hoằng Hóa, sắp đăng ký kết hôn với bạn trai quốc tịch Hàn "
            "Quốc. Trước đây việc này làm ở huyện, nay không còn huyện thì tôi nộp hồ sơ ở đâu? Giấy tờ của anh ấy do "
            "Hàn Quốc cấp cần làm thủ tục gì? Tôi xin cảm ơn."
        ),
        answer=(
            "Về vấn đề này, Sở Tư pháp trả lời như sau:\n\n"
            "Từ ngày 01/7/2025, khi tổ chức chính quyền địa phương hai cấp, việc đăng ký kết hôn có yếu tố nước ngoài "
            "được thực hiện tại **Ủy ban nhân dân cấp xã** nơi cư trú của công dân Việt Nam theo phân cấp hiện hành. Chị "
            "nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã Hoằng Hóa.\n\n"
            "Hồ sơ theo **Luật Hộ tịch năm 2014** gồm:\n\n"
            "- Tờ khai đăng ký kết hôn của hai bên;\n"
            "- Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do cơ quan có thẩm quyền của Hàn Quốc cấp;\n"
            "- Giấy xác nhận của tổ chức y tế có thẩm quyền về việc mỗi bên không mắc bệnh tâm thần hoặc bệnh khác mà "
            "không có khả năng nhận thức, làm chủ hành vi;\n"
            "- Hộ chiếu của người nước ngoài.\n\n"
            "Giấy tờ do cơ quan nước ngoài cấp phải được **hợp pháp hóa lãnh sự** (trừ trường hợp được miễn theo điều "
            "ước quốc tế) và dịch sang tiếng Việt, bản dịch được công chứng hoặc chứng thực. Khi trao Giấy chứng nhận "
            "kết hôn, cả hai bên phải có mặt. Chị nên liên hệ trước với công chức tư pháp – hộ tịch của xã để được kiểm "
            "tra hồ sơ, tránh phải bổ sung nhiều lần."
        ),
        name="Nguyễn Thị Hồng Nhung",
        show_name=False,
        area="hoang-hoa",
        days_ago=153,
        answer_working_days=6,
    ),
    DemoAnswer(
        category="ho-tich",
        title="Chứng thực bản sao ở phường nơi làm việc, không phải nơi thường trú có được không?",
        question=(
            "Tôi thường trú ở xã Hoằng Hóa nhưng đi làm ở phường Hạc Thành. Tôi có thể chứng thực bản sao bằng đại học và "
            "học bạ tại phường Hạc Thành không, hay phải về xã nơi có hộ khẩu? Lệ phí chứng thực là bao nhiêu?"
        ),
        answer=(
            "Về vấn đề này, Sở Tư pháp trả lời như sau:\n\n"
            "Theo Nghị định số 23/2015/NĐ-CP của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, "
            "việc chứng thực bản sao từ bản chính **không phụ thuộc vào nơi cư trú** của người yêu cầu. Anh có thể chứng "
            "thực tại bất kỳ Ủy ban nhân dân cấp xã nào, trong đó có phường Hạc Thành, hoặc tại tổ chức hành nghề công "
            "chứng.\n\n"
            "Lệ phí chứng thực bản sao từ bản chính thu theo trang theo quy định của Bộ Tài chính: trang thứ nhất và thứ "
            "hai thu 2.000 đồng/trang, từ trang thứ ba trở đi thu 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản. "
            "Anh cũng có thể đề nghị chứng thực bản sao điện tử từ bản chính để nộp hồ sơ trực tuyến.\n\n"
            "Anh lưu ý: khi nộp hồ sơ trực tiếp, cơ quan tiếp nhận không được yêu cầu bản sao có chứng thực nếu anh xuất "
            "trình bản chính để đối chiếu; vì vậy anh chỉ nên chứng thực khi thật sự cần."
        ),
        name="Hoàng Minh Đức",
        show_name=True,
        area="hac-thanh",
        days_ago=337,
        answer_working_days=3,
    ),
    # ------------------------------------------------------------------ Cư trú, căn cước, an ninh trật tự
    DemoAnswer(
        category="cu-tru",
        title="Đăng ký thường trú về nhà bố mẹ chồng ở phường Hàm Rồng",
        question=(
            "Tôi lấy chồng ở phường Hàm Rồng được 2 năm nhưng vẫn thường trú ở quê ngoại tại tỉnh Nghệ An. Nay tôi muốn "
            "chuyển thường trú về nhà bố mẹ chồng, nơi chồng tôi đang đăng ký thường trú. Tôi cần chuẩn bị những giấy tờ "
            "gì, có phải về quê cắt khẩu trước không?"
        ),
        answer=(
            "Về vấn đề này, Công an tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo **Luật Cư trú năm 2020**, công dân có chỗ ở hợp pháp không thuộc quyền sở hữu của mình được đăng ký "
            "thường trú khi được chủ hộ và chủ sở hữu chỗ ở hợp pháp đồng ý, trong đó có trường hợp vợ về ở với chồng. "
            "Chị **không phải về quê làm thủ tục xóa thường trú** trước; sau khi chị đăng ký thường trú ở nơi mới, cơ quan "
            "đăng ký cư trú nơi cũ sẽ xóa đăng ký thường trú theo quy định.\n\n"
            "Hồ sơ gồm:\n\n"
            "- Tờ khai thay đổi thông tin cư trú, có ý kiến đồng ý của chủ hộ và chủ sở hữu nhà (bố mẹ chồng chị);\n"
            "- Giấy tờ chứng minh quan hệ vợ chồng, trừ trường hợp thông tin đăng ký kết hôn đã có trong cơ sở dữ liệu.\n\n"
            "Chị có thể nộp trực tuyến trên ứng dụng VNeID hoặc https://dichvucong.gov.vn; chủ hộ xác nhận đồng ý ngay "
            "trên ứng dụng. Thời hạn giải quyết là **07 ngày làm việc** kể từ ngày nhận đủ hồ sơ hợp lệ. Ngoài ra, chị "
            "có thể nộp trực tiếp tại Công an phường Hàm Rồng."
        ),
        name="Phan Thị Thanh Tâm",
        show_name=True,
        area="ham-rong",
        days_ago=203,
        answer_working_days=3,
    ),
    DemoAnswer(
        category="cu-tru",
        title="Con vừa đủ 14 tuổi có bắt buộc làm thẻ căn cước không, làm ở đâu?",
        question=(
            "Con gái tôi vừa tròn 14 tuổi, đang học lớp 8 ở xã Triệu Sơn, chưa có thẻ căn cước. Xin hỏi cháu có bắt buộc "
            "phải làm ngay không, làm ở đâu, có cần bố mẹ đi cùng không?"
        ),
        answer=(
            "Về vấn đề này, Công an tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo **Luật Căn cước năm 2023**, công dân Việt Nam **từ đủ 14 tuổi trở lên** phải thực hiện thủ tục cấp thẻ "
            "căn cước; công dân dưới 14 tuổi được cấp thẻ khi có nhu cầu. Thẻ căn cước được đổi khi công dân đủ 14 tuổi, "
            "25 tuổi, 40 tuổi và 60 tuổi.\n\n"
            "Cháu có thể làm thủ tục tại Công an xã Triệu Sơn hoặc Phòng Cảnh sát quản lý hành chính về trật tự xã hội "
            "Công an tỉnh. Khi làm thủ tục, cháu được thu nhận ảnh khuôn mặt, vân tay và mống mắt nên phải trực tiếp có "
            "mặt. Từ đủ 14 tuổi, cháu tự làm thủ tục; bố hoặc mẹ có thể đi cùng để hỗ trợ kê khai thông tin.\n\n"
            "Thời hạn cấp thẻ không quá **07 ngày làm việc** kể từ ngày nhận đủ hồ sơ. Công an xã cũng tổ chức thu nhận "
            "hồ sơ lưu động tại một số trường học; gia đình có thể theo dõi thông báo của nhà trường. Cháu nên đăng ký "
            "luôn tài khoản định danh điện tử mức độ 2 để thuận tiện khi làm các thủ tục sau này."
        ),
        name="Lê Văn Toàn",
        show_name=False,
        area="trieu-son",
        days_ago=28,
        answer_working_days=2,
    ),
    DemoAnswer(
        category="cu-tru",
        title="Chủ nhà trọ có phải đăng ký tạm trú cho công nhân thuê phòng không?",
        question=(
            "Tôi có dãy 8 phòng trọ cho công nhân thuê ở phường Nghi Sơn. Có người ở lâu dài, có người chỉ ở vài tuần rồi "
            "chuyển đi. Xin hỏi ai phải đi đăng ký tạm trú, chủ nhà có làm thay được không, người ở ngắn ngày thì làm thế "
            "nào cho đúng?"
        ),
        answer=(
            "Về vấn đề này, Công an tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo **Luật Cư trú năm 2020**, người đến sinh sống tại chỗ ở hợp pháp ngoài phạm vi đơn vị hành chính cấp xã "
            "nơi đã đăng ký thường trú để lao động, học tập hoặc vì mục đích khác **từ 30 ngày trở lên** thì phải đăng "
            "ký tạm trú. Người thuê trọ là người có nghĩa vụ đăng ký; chủ nhà có trách nhiệm đồng ý cho đăng ký và có thể "
            "xác nhận trực tuyến trên ứng dụng VNeID.\n\n"
            "Đối với người chỉ ở ngắn ngày (dưới 30 ngày), chủ nhà có trách nhiệm **thông báo lưu trú** với Công an phường "
            "Nghi Sơn; việc thông báo có thể thực hiện qua ứng dụng VNeID, qua điện thoại hoặc trực tiếp.\n\n"
            "Thời hạn giải quyết đăng ký tạm trú là 03 ngày làm việc; thời hạn tạm trú tối đa là 02 năm và có thể gia "
            "hạn nhiều lần. Khi người thuê chuyển đi, ông nên nhắc họ khai báo hoặc thông báo cho Công an phường để cập "
            "nhật dữ liệu cư trú. Không thực hiện đăng ký tạm trú, thông báo lưu trú theo quy định có thể bị xử phạt vi "
            "phạm hành chính."
        ),
        name="Trần Văn Sáu",
        show_name=True,
        area="nghi-son",
        days_ago=314,
        answer_working_days=5,
    ),
    DemoAnswer(
        category="cu-tru",
        title="Địa chỉ trên thẻ căn cước là phường cũ trước sáp nhập, có phải đi đổi thẻ không?",
        question=(
            "Thẻ căn cước của tôi ghi nơi thường trú là một phường cũ của thành phố Thanh Hóa, nay đã nhập vào phường Hạc "
            "Thành. Tôi có bắt buộc phải đổi thẻ không? Khi làm thủ tục ở ngân hàng, văn phòng công chứng với địa chỉ cũ "
            "trên thẻ thì có bị từ chối không?"
        ),
        answer=(
            "Về vấn đề này, Công an tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Khi sắp xếp đơn vị hành chính, thông tin về nơi cư trú của công dân trong Cơ sở dữ liệu quốc gia về dân cư "
            "và Cơ sở dữ liệu về cư trú đã được cơ quan công an cập nhật theo tên đơn vị hành chính mới. Giấy tờ đã cấp "
            "cho công dân trước khi sắp xếp vẫn tiếp tục có giá trị sử dụng đến khi hết thời hạn; ông **không bắt buộc** "
            "phải đổi thẻ căn cước chỉ vì thay đổi tên đơn vị hành chính.\n\n"
            "Các cơ quan, tổ chức khi giải quyết thủ tục có thể tra cứu, xác thực thông tin của công dân qua hệ thống định "
            "danh điện tử và không được từ chối giải quyết với lý do địa chỉ trên thẻ ghi theo tên đơn vị hành chính cũ. "
            "Ông có thể kiểm tra địa chỉ đã được cập nhật trong mục thông tin cư trú của ứng dụng VNeID.\n\n"
            "Nếu có nhu cầu, ông vẫn có thể đề nghị cấp đổi thẻ căn cước để thể hiện địa chỉ mới theo thủ tục cấp đổi "
            "thông thường. Trường hợp bị từ chối giải quyết vì lý do địa chỉ, ông có thể phản ánh lại trên Cổng này để "
            "được xử lý."
        ),
        name="Nguyễn Hữu Phúc",
        show_name=False,
        area="hac-thanh",
        days_ago=166,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="cu-tru",
        title="Quán karaoke hát đến 1-2 giờ sáng gây mất ngủ cho cả khu dân cư",
        question=(
            "Gần nhà tôi ở phường Nguyệt Viên có một quán karaoke mở cửa đến 1-2 giờ sáng, tiếng loa và tiếng hò hét của "
            "khách vọng ra cả xóm, người già và trẻ nhỏ không ngủ được. Chúng tôi đã góp ý với chủ quán nhiều lần nhưng "
            "không có thay đổi. Đề nghị cơ quan chức năng kiểm tra, xử lý."
        ),
        answer=(
            "Về vấn đề này, Công an tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Sau khi nhận phản ánh, Công an tỉnh đã chỉ đạo Công an phường Nguyệt Viên phối hợp với Ủy ban nhân dân phường "
            "kiểm tra cơ sở. Qua kiểm tra vào ban đêm, lực lượng chức năng xác định cơ sở hoạt động quá giờ quy định và "
            "một số phòng hát không bảo đảm cách âm; đã lập biên bản vi phạm hành chính, yêu cầu chủ cơ sở chấm dứt hoạt "
            "động quá giờ và khắc phục cách âm.\n\n"
            "Theo quy định về kinh doanh dịch vụ karaoke (Nghị định số 54/2019/NĐ-CP), cơ sở karaoke không được hoạt động "
            "từ 0 giờ đến 8 giờ sáng và phải bảo đảm tiêu chuẩn về âm thanh, tiếng ồn. Hành vi gây tiếng động lớn, làm "
            "ồn ào, huyên náo tại khu dân cư trong khoảng thời gian từ 22 giờ đến 06 giờ sáng hôm sau cũng bị xử phạt "
            "theo quy định về xử phạt vi phạm hành chính trong lĩnh vực an ninh, trật tự, an toàn xã hội.\n\n"
            "Công an phường sẽ tiếp tục kiểm tra đột xuất. Khi tình trạng tái diễn, đề nghị bà báo ngay cho Công an phường "
            "Nguyệt Viên hoặc gọi số khẩn cấp 113 để lực lượng chức năng có mặt ghi nhận kịp thời."
        ),
        name="Vũ Thị Lý",
        show_name=False,
        area="nguyet-vien",
        days_ago=79,
        answer_working_days=11,
    ),
    # ------------------------------------------------------------------ Thuế, phí, lệ phí
    DemoAnswer(
        category="thue-phi",
        title="Bỏ thuế khoán từ năm 2026, hộ kinh doanh tạp hóa phải làm gì?",
        question=(
            "Tôi có cửa hàng tạp hóa ở xã Yên Định, lâu nay nộp thuế khoán theo quý. Nghe nói từ năm 2026 bỏ thuế khoán, "
            "chuyển sang tự kê khai. Doanh thu của tôi khoảng 600 triệu đồng một năm. Xin hỏi tôi phải làm gì, có bắt "
            "buộc dùng hóa đơn điện tử và máy tính tiền không?"
        ),
        answer=(
            "Về vấn đề này, Thuế tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Thực hiện Nghị quyết số 68-NQ/TW của Bộ Chính trị về phát triển kinh tế tư nhân và Nghị quyết số "
            "198/2025/QH15 của Quốc hội, từ ngày **01/01/2026** không còn áp dụng phương pháp thuế khoán đối với hộ kinh "
            "doanh, cá nhân kinh doanh. Hộ kinh doanh chuyển sang tự kê khai, tự nộp thuế trên cơ sở doanh thu thực tế.\n\n"
            "Cụ thể, bà cần:\n\n"
            "- Ghi chép, theo dõi doanh thu bán hàng thực tế;\n"
            "- Kê khai doanh thu và số thuế phải nộp (nếu có) theo kỳ kê khai được cơ quan thuế hướng dẫn;\n"
            "- Nộp thuế qua ứng dụng eTax Mobile, ngân hàng hoặc các kênh thanh toán điện tử.\n\n"
            "Hộ kinh doanh có doanh thu năm không vượt quá mức không phải nộp thuế theo quy định thì không phải nộp thuế "
            "giá trị gia tăng và thuế thu nhập cá nhân nhưng vẫn phải thông báo doanh thu. Về hóa đơn, theo Nghị định số "
            "70/2025/NĐ-CP, hộ kinh doanh có doanh thu năm **từ 01 tỷ đồng trở lên** bắt buộc sử dụng hóa đơn điện tử "
            "khởi tạo từ máy tính tiền; với doanh thu khoảng 600 triệu đồng, bà chưa thuộc diện bắt buộc nhưng được "
            "khuyến khích sử dụng.\n\n"
            "Thuế cơ sở quản lý địa bàn xã Yên Định đang tổ chức các buổi hướng dẫn miễn phí cho hộ kinh doanh; bà có thể "
            "liên hệ trực tiếp để được hỗ trợ cài đặt ứng dụng và kê khai lần đầu."
        ),
        name="Lê Thị Nga",
        show_name=True,
        area="yen-dinh",
        days_ago=46,
        answer_working_days=5,
    ),
    DemoAnswer(
        category="thue-phi",
        title="Năm 2026 doanh nghiệp và chi nhánh còn phải nộp lệ phí môn bài không?",
        question=(
            "Công ty chúng tôi thành lập năm 2025, trụ sở tại phường Hạc Thành, đã nộp lệ phí môn bài năm đầu. Sắp tới công "
            "ty mở thêm một chi nhánh ở phường Sầm Sơn. Xin hỏi từ năm 2026 công ty và chi nhánh còn phải khai, nộp lệ phí "
            "môn bài không?"
        ),
        answer=(
            "Về vấn đề này, Thuế tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo Nghị quyết số 198/2025/QH15 của Quốc hội về một số cơ chế, chính sách đặc biệt phát triển kinh tế tư "
            "nhân, việc thu **lệ phí môn bài chấm dứt kể từ ngày 01/01/2026**. Do đó, từ năm 2026, Quý Công ty và chi "
            "nhánh, địa điểm kinh doanh mới thành lập không phải khai, nộp lệ phí môn bài.\n\n"
            "Đối với số lệ phí môn bài của các năm trước năm 2026 còn nợ (nếu có), Quý Công ty vẫn phải nộp đầy đủ vào "
            "ngân sách nhà nước.\n\n"
            "Khi thành lập chi nhánh, Quý Công ty thực hiện đăng ký hoạt động chi nhánh tại cơ quan đăng ký kinh doanh; "
            "mã số thuế của chi nhánh được cấp đồng thời với đăng ký hoạt động. Quý Công ty cần lựa chọn và đăng ký "
            "phương thức kê khai thuế giá trị gia tăng của chi nhánh (kê khai riêng hay kê khai tập trung tại trụ sở chính) "
            "theo hướng dẫn của cơ quan thuế quản lý."
        ),
        name="Công ty TNHH Thương mại Dịch vụ Hoàng Gia Phát",
        show_name=True,
        area="hac-thanh",
        days_ago=97,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="thue-phi",
        title="Anh trai tặng cho đất có phải nộp thuế thu nhập cá nhân và lệ phí trước bạ không?",
        question=(
            "Anh trai ruột tôi đi làm ăn xa, muốn tặng cho tôi thửa đất 180 m² ở xã Hoằng Hóa mà anh đã đứng tên sổ đỏ. "
            "Tôi có phải nộp thuế thu nhập cá nhân và lệ phí trước bạ khi sang tên không? Nếu được miễn thì có cần làm "
            "giấy tờ gì chứng minh quan hệ anh em?"
        ),
        answer=(
            "Về vấn đề này, Thuế tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo **Luật Thuế thu nhập cá nhân**, thu nhập từ nhận tặng cho bất động sản giữa **anh, chị, em ruột** với "
            "nhau thuộc trường hợp được miễn thuế thu nhập cá nhân. Theo Nghị định số 10/2022/NĐ-CP của Chính phủ về lệ phí "
            "trước bạ, nhà, đất nhận tặng cho giữa anh, chị, em ruột cũng được miễn lệ phí trước bạ.\n\n"
            "Tuy được miễn, chị vẫn phải **kê khai** thuế thu nhập cá nhân và lệ phí trước bạ cùng với hồ sơ đăng ký biến "
            "động đất đai, ghi rõ thuộc trường hợp miễn. Giấy tờ chứng minh quan hệ anh em ruột có thể là giấy khai sinh "
            "của hai người thể hiện cùng cha mẹ; nếu thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư, cơ quan giải "
            "quyết có thể tra cứu để xác định.\n\n"
            "Hợp đồng tặng cho quyền sử dụng đất phải được công chứng hoặc chứng thực; hồ sơ đăng ký biến động nộp tại "
            "Trung tâm Phục vụ hành chính công xã Hoằng Hóa hoặc trực tuyến trên https://dichvucong.gov.vn."
        ),
        name="Trịnh Thị Hằng",
        show_name=True,
        area="hoang-hoa",
        days_ago=240,
        answer_working_days=6,
    ),
    DemoAnswer(
        category="thue-phi",
        title="Có thu nhập từ hai nơi thì tự quyết toán thuế TNCN thế nào, hạn chót khi nào?",
        question=(
            "Năm vừa rồi tôi làm kế toán cho một công ty ở phường Đông Sơn, buổi tối còn làm thêm theo hợp đồng cho một "
            "doanh nghiệp khác, cả hai nơi đều khấu trừ 10% hoặc tạm khấu trừ thuế. Tôi có tự quyết toán được không, làm "
            "trên điện thoại được không, và nếu nộp thừa thì có được hoàn không?"
        ),
        answer=(
            "Về vấn đề này, Thuế tỉnh Thanh Hóa trả lời như sau:\n\n"
            "Theo pháp luật về thuế thu nhập cá nhân và quản lý thuế, cá nhân có thu nhập từ tiền lương, tiền công tại "
            "nhiều nơi và không thuộc trường hợp được ủy quyền quyết toán thì **tự quyết toán** với cơ quan thuế. Thời "
            "hạn nộp hồ sơ quyết toán chậm nhất là **ngày cuối cùng của tháng thứ 4** kể từ ngày kết thúc năm dương lịch; "
            "nếu ngày này trùng ngày nghỉ thì được lùi sang ngày làm việc tiếp theo.\n\n"
            "Anh có thể quyết toán trực tuyến trên ứng dụng eTax Mobile hoặc trên Cổng thông tin điện tử của ngành thuế. "
            "Hệ thống hỗ trợ lập sẵn tờ khai từ dữ liệu các đơn vị trả thu nhập đã kê khai; anh kiểm tra, bổ sung khoản "
            "giảm trừ gia cảnh cho người phụ thuộc (nếu có) rồi nộp.\n\n"
            "Nếu số thuế đã khấu trừ lớn hơn số phải nộp, anh chọn đề nghị hoàn ngay trên tờ khai quyết toán và ghi số tài "
            "khoản ngân hàng đứng tên mình. Trường hợp thông tin tài khoản hợp lệ, tiền hoàn được chuyển thẳng vào tài "
            "khoản mà anh không phải đến cơ quan thuế."
        ),
        name="Phạm Văn Đức",
        show_name=False,
        area="dong-son",
        days_ago=273,
        answer_working_days=3,
    ),
    # ------------------------------------------------------------------ Giáo dục
    DemoAnswer(
        category="giao-duc",
        title="Con chỉ có tạm trú ở phường Hạc Thành có được học lớp 1 ở trường gần nhà không?",
        question=(
            "Gia đình tôi thường trú ở xã Thọ Xuân nhưng đã thuê nhà và đăng ký tạm trú ở phường Hạc Thành được 3 năm. "
            "Năm nay con tôi vào lớp 1. Xin hỏi cháu có được tuyển sinh vào trường tiểu học gần nơi tạm trú không, thủ "
            "tục đăng ký thế nào?"
        ),
        answer=(
            "Về vấn đề này, Sở Giáo dục và Đào tạo trả lời như sau:\n\n"
            "Theo Điều lệ trường tiểu học và hướng dẫn tuyển sinh hằng năm, trẻ vào lớp 1 là trẻ **đủ 6 tuổi** (tính theo "
            "năm). Việc tuyển sinh thực hiện theo địa bàn cư trú do Ủy ban nhân dân cấp xã phân tuyến; **cư trú** bao gồm "
            "cả thường trú và tạm trú. Vì vậy, con chị có tạm trú hợp pháp tại phường Hạc Thành thuộc đối tượng tuyển sinh "
            "của các trường tiểu học trên địa bàn phường theo tuyến được phân.\n\n"
            "Phụ huynh đăng ký tuyển sinh trực tuyến theo kế hoạch và thời gian do Ủy ban nhân dân phường Hạc Thành thông "
            "báo. Thông tin cư trú của trẻ được đối chiếu từ Cơ sở dữ liệu quốc gia về dân cư nên chị **không phải nộp "
            "giấy xác nhận cư trú**. Trường hợp thông tin trên hệ thống chưa khớp, nhà trường sẽ hướng dẫn bổ sung.\n\n"
            "Chị nên theo dõi thông báo tuyển sinh của phường và nhà trường từ đầu tháng 6 để đăng ký đúng hạn."
        ),
        name="Lê Thị Minh Châu",
        show_name=True,
        area="hac-thanh",
        days_ago=351,
        answer_working_days=5,
    ),
    DemoAnswer(
        category="giao-duc",
        title="Con học mầm non tư thục có được hỗ trợ học phí như trường công lập không?",
        question=(
            "Tôi nghe tin từ năm học 2025 – 2026 học sinh được miễn học phí. Con tôi 4 tuổi, đang học ở một trường mầm non "
            "tư thục tại phường Quảng Phú vì trường công gần nhà hết chỗ. Xin hỏi cháu có được miễn hoặc hỗ trợ học phí "
            "không, và tiền ăn, tiền bán trú có được miễn không?"
        ),
        answer=(
            "Về vấn đề này, Sở Giáo dục và Đào tạo trả lời như sau:\n\n"
            "Thực hiện Nghị quyết của Quốc hội về miễn, hỗ trợ học phí đối với trẻ em mầm non, học sinh phổ thông, từ năm "
            "học 2025 – 2026:\n\n"
            "- Trẻ em mầm non, học sinh phổ thông học tại cơ sở giáo dục **công lập** được miễn học phí;\n"
            "- Trẻ em, học sinh học tại cơ sở giáo dục **dân lập, tư thục** được Nhà nước hỗ trợ học phí, mức hỗ trợ theo "
            "mức học phí do Hội đồng nhân dân tỉnh quy định đối với cơ sở giáo dục công lập trên cùng địa bàn.\n\n"
            "Như vậy, con chị được hỗ trợ học phí; phần chênh lệch giữa học phí của trường tư thục và mức hỗ trợ do gia "
            "đình chi trả. Nhà trường có trách nhiệm thông báo và hướng dẫn phụ huynh lập hồ sơ đề nghị hỗ trợ.\n\n"
            "Chính sách này chỉ áp dụng đối với **học phí**. Các khoản tiền ăn, bán trú, dịch vụ đưa đón và các dịch vụ "
            "tự nguyện khác không thuộc phạm vi miễn, hỗ trợ; các khoản này phải được nhà trường công khai và thỏa thuận "
            "với phụ huynh."
        ),
        name="Nguyễn Thị Ngọc Ánh",
        show_name=False,
        area="quang-phu",
        days_ago=134,
        answer_working_days=7,
    ),
    DemoAnswer(
        category="giao-duc",
        title="Mất bằng tốt nghiệp THPT năm 2010, xin cấp lại ở đâu?",
        question=(
            "Tôi tốt nghiệp THPT ở Thanh Hóa năm 2010, nay đang làm việc tại Hà Nội. Khi chuyển nhà tôi làm mất bản chính "
            "bằng tốt nghiệp. Xin hỏi tôi có được cấp lại bằng không, có thể làm trực tuyến mà không phải về Thanh Hóa "
            "không?"
        ),
        answer=(
            "Về vấn đề này, Sở Giáo dục và Đào tạo trả lời như sau:\n\n"
            "Theo quy định về quản lý văn bằng, chứng chỉ của Bộ Giáo dục và Đào tạo, văn bằng bị mất **không được cấp "
            "lại bản chính**. Người học được đề nghị cấp **bản sao văn bằng từ sổ gốc**; bản sao này có giá trị sử dụng "
            "thay cho bản chính trong các giao dịch, thủ tục.\n\n"
            "Sổ gốc cấp bằng tốt nghiệp trung học phổ thông năm 2010 của các trường trên địa bàn tỉnh do Sở Giáo dục và Đào "
            "tạo Thanh Hóa quản lý. Anh có thể nộp yêu cầu trực tuyến trên Cổng Dịch vụ công quốc gia "
            "https://dichvucong.gov.vn, ghi rõ họ tên, ngày sinh, trường, năm tốt nghiệp và số hiệu văn bằng (nếu nhớ), "
            "đồng thời đăng ký nhận kết quả qua dịch vụ bưu chính công ích về địa chỉ tại Hà Nội.\n\n"
            "Sau khi đối chiếu sổ gốc, Sở sẽ cấp bản sao theo số lượng anh đề nghị và thời hạn quy định trong Bộ thủ tục "
            "hành chính. Anh thanh toán phí cấp bản sao và cước bưu chính trực tuyến, không phải về Thanh Hóa."
        ),
        name="Hà Văn Sơn",
        show_name=True,
        area=None,
        days_ago=282,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="giao-duc",
        title="Giáo viên chủ nhiệm tổ chức dạy thêm có thu tiền cho chính học sinh lớp mình",
        question=(
            "Con tôi học lớp 7 ở một trường THCS thuộc xã Hậu Lộc. Cô giáo chủ nhiệm tổ chức lớp học thêm tại nhà, thu "
            "mỗi cháu 400.000 đồng một tháng, gần như cả lớp phải đi vì sợ bị đối xử khác. Tôi được biết quy định mới đã "
            "cấm việc này. Đề nghị Sở kiểm tra, nhưng xin giữ kín tên tôi."
        ),
        answer=(
            "Về vấn đề này, Sở Giáo dục và Đào tạo trả lời như sau:\n\n"
            "Theo Thông tư số 29/2024/TT-BGDĐT của Bộ Giáo dục và Đào tạo quy định về dạy thêm, học thêm, giáo viên đang "
            "dạy học tại nhà trường **không được dạy thêm ngoài nhà trường có thu tiền** đối với học sinh mà mình đang được "
            "nhà trường phân công giảng dạy. Việc dạy thêm trong nhà trường không được thu tiền và chỉ dành cho các đối "
            "tượng theo quy định; việc học thêm phải trên cơ sở tự nguyện của học sinh và gia đình.\n\n"
            "Sở Giáo dục và Đào tạo đã đề nghị Ủy ban nhân dân xã Hậu Lộc, cơ quan quản lý trực tiếp trường trung học cơ "
            "sở, chỉ đạo kiểm tra. Kết quả xác minh cho thấy phản ánh là đúng; giáo viên đã chấm dứt lớp học thêm, hoàn "
            "trả tiền đã thu và bị xem xét xử lý theo quy định, hiệu trưởng nhà trường bị nhắc nhở về trách nhiệm quản lý.\n\n"
            "Thông tin cá nhân của người phản ánh được giữ bí mật. Nếu phát hiện học sinh bị phân biệt đối xử sau phản ánh "
            "này, đề nghị phụ huynh thông tin lại để được xử lý kịp thời."
        ),
        name="Nguyễn Thị Hảo",
        show_name=False,
        area="hau-loc",
        days_ago=186,
        answer_working_days=13,
    ),
    # ------------------------------------------------------------------ Y tế
    DemoAnswer(
        category="y-te",
        title="Bệnh nhân tiểu đường khám định kỳ tuyến tỉnh có phải xin giấy chuyển viện mỗi tháng?",
        question=(
            "Tôi 64 tuổi, ở xã Triệu Sơn, bị tiểu đường type 2 nhiều năm, tháng nào cũng lên bệnh viện tuyến tỉnh khám "
            "và lấy thuốc. Mỗi lần đi lại phải xin giấy chuyển viện ở trạm y tế rất mất thời gian. Có cách nào đỡ phiền hà "
            "không? Tôi dùng thẻ BHYT trên điện thoại có được không?"
        ),
        answer=(
            "Về vấn đề này, Sở Y tế trả lời như sau:\n\n"
            "Theo **Luật Khám bệnh, chữa bệnh năm 2023**, pháp luật về bảo hiểm y tế và hướng dẫn của Bộ Y tế, người bệnh "
            "mắc các bệnh thuộc danh mục bệnh, nhóm bệnh cần chữa trị dài ngày (trong đó có đái tháo đường) khi được chuyển "
            "lên cơ sở khám bệnh, chữa bệnh cấp cao hơn thì **giấy chuyển cơ sở khám bệnh, chữa bệnh có giá trị sử dụng "
            "đến hết ngày 31/12** của năm dương lịch đó. Ông chỉ cần xin giấy chuyển một lần trong năm, không phải xin lại "
            "mỗi tháng.\n\n"
            "Khi đi khám, ông có thể xuất trình thẻ bảo hiểm y tế đã tích hợp trên ứng dụng VNeID hoặc thẻ căn cước có "
            "gắn chíp thay cho thẻ giấy; bệnh viện tra cứu thông tin trực tiếp trên hệ thống.\n\n"
            "Ngoài ra, nếu tình trạng bệnh ổn định, ông có thể trao đổi với bác sĩ điều trị về việc tiếp tục quản lý, cấp "
            "thuốc tại cơ sở y tế gần nhà theo phác đồ của bệnh viện, để giảm số lần phải đi xa."
        ),
        name="Lê Đình Hùng",
        show_name=True,
        area="trieu-son",
        days_ago=328,
        answer_working_days=6,
    ),
    DemoAnswer(
        category="y-te",
        title="Nhiều học sinh đau bụng sau khi ăn quà vặt bán trước cổng trường tiểu học",
        question=(
            "Chiều thứ Năm vừa rồi, con tôi và ba bạn cùng lớp ở một trường tiểu học thuộc phường Hàm Rồng bị đau bụng, "
            "nôn sau khi ăn xiên chiên mua của xe đẩy trước cổng trường. Các xe bán hàng này không rõ nguồn gốc thực phẩm, "
            "dầu chiên đen đặc. Đề nghị cơ quan chức năng kiểm tra, xử lý."
        ),
        answer=(
            "Về vấn đề này, Sở Y tế trả lời như sau:\n\n"
            "Ngay sau khi nhận phản ánh, Sở Y tế đã chỉ đạo cơ quan chuyên môn về an toàn thực phẩm phối hợp với Ủy ban "
            "nhân dân phường Hàm Rồng kiểm tra các điểm kinh doanh thức ăn đường phố quanh trường. Đoàn kiểm tra đã lấy "
            "mẫu dầu chiên và một số thực phẩm để xét nghiệm, yêu cầu các hộ bán hàng xuất trình nguồn gốc nguyên liệu và "
            "lập biên bản đối với các trường hợp vi phạm.\n\n"
            "Theo **Luật An toàn thực phẩm năm 2010**, người kinh doanh thức ăn đường phố phải bảo đảm các điều kiện về "
            "nguồn gốc nguyên liệu, dụng cụ và vệ sinh; hành vi vi phạm bị xử phạt theo Nghị định số 115/2018/NĐ-CP (đã "
            "được sửa đổi, bổ sung). Ủy ban nhân dân phường đã bố trí lực lượng nhắc nhở, không để xe bán hàng tập trung "
            "trước cổng trường.\n\n"
            "Sở Y tế khuyến nghị phụ huynh phối hợp với nhà trường nhắc nhở các cháu không mua thực phẩm không rõ nguồn "
            "gốc; khi trẻ có dấu hiệu ngộ độc như đau bụng, nôn, tiêu chảy, cần đưa ngay đến cơ sở y tế gần nhất."
        ),
        name="Đỗ Thị Thu Trang",
        show_name=True,
        area="ham-rong",
        days_ago=250,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="y-te",
        title="Đề nghị phun thuốc diệt muỗi vì khu phố có nhiều ca sốt xuất huyết",
        question=(
            "Khu phố tôi ở phường Đông Quang trong hai tuần qua có ít nhất 5 người bị sốt xuất huyết phải nằm viện, trong "
            "đó có một cháu nhỏ. Muỗi rất nhiều do có nhiều bãi đất trống đọng nước. Đề nghị ngành y tế về phun thuốc "
            "diệt muỗi cho cả khu."
        ),
        answer=(
            "Về vấn đề này, Sở Y tế trả lời như sau:\n\n"
            "Sở Y tế đã giao Trung tâm Kiểm soát bệnh tật tỉnh phối hợp với Trạm y tế phường Đông Quang điều tra, xác minh "
            "các ca bệnh. Khu phố của bà được xác định là ổ dịch sốt xuất huyết; các đơn vị đã tổ chức **phun hóa chất diệt "
            "muỗi** trên toàn bộ khu vực ổ dịch và vùng lân cận, đồng thời phát động chiến dịch diệt lăng quăng, bọ gậy.\n\n"
            "Việc phun hóa chất được thực hiện theo hướng dẫn chuyên môn của Bộ Y tế, chỉ tại khu vực có ổ dịch và theo "
            "đợt, vì phun tràn lan không hiệu quả và gây kháng hóa chất. Biện pháp quan trọng nhất vẫn là loại bỏ nơi "
            "muỗi đẻ trứng:\n\n"
            "- Đậy kín, thau rửa các dụng cụ chứa nước hằng tuần;\n"
            "- Thu gom, xử lý vật dụng phế thải có thể đọng nước;\n"
            "- Ngủ màn, kể cả ban ngày, nhất là với trẻ nhỏ.\n\n"
            "Ủy ban nhân dân phường đã yêu cầu chủ các khu đất trống phát quang, san lấp chỗ trũng. Khi có người sốt cao "
            "đột ngột, đề nghị gia đình đưa đến cơ sở y tế ngay, không tự điều trị tại nhà."
        ),
        name="Trương Thị Liên",
        show_name=False,
        area="dong-quang",
        days_ago=211,
        answer_working_days=3,
    ),
    # ------------------------------------------------------------------ Đăng ký kinh doanh
    DemoAnswer(
        category="dang-ky-kinh-doanh",
        title="Mở quán cà phê nhỏ ở phường Sầm Sơn thì đăng ký hộ kinh doanh ở đâu?",
        question=(
            "Tôi định mở một quán cà phê nhỏ tại nhà ở phường Sầm Sơn. Trước đây đăng ký hộ kinh doanh làm ở huyện, thị "
            "xã, nay không còn cấp huyện thì tôi nộp hồ sơ ở đâu, cần những giấy tờ gì và mất bao lâu? Sau khi có giấy "
            "đăng ký tôi còn phải làm thêm thủ tục gì không?"
        ),
        answer=(
            "Về vấn đề này, Sở Tài chính trả lời như sau:\n\n"
            "Từ ngày 01/7/2025, theo quy định hiện hành về đăng ký doanh nghiệp, hộ kinh doanh, việc đăng ký hộ kinh doanh "
            "do **cơ quan đăng ký kinh doanh cấp xã** thực hiện. Chị nộp hồ sơ tại Trung tâm Phục vụ hành chính công phường "
            "Sầm Sơn hoặc trực tuyến trên https://dichvucong.gov.vn.\n\n"
            "Hồ sơ gồm:\n\n"
            "- Giấy đề nghị đăng ký hộ kinh doanh;\n"
            "- Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh, nếu các thành viên gia đình cùng đăng "
            "ký;\n"
            "- Văn bản ủy quyền cho người đi nộp hồ sơ (nếu có).\n\n"
            "Thông tin nhân thân của chủ hộ được đối chiếu với Cơ sở dữ liệu quốc gia về dân cư nên chị không phải nộp bản "
            "sao giấy tờ tùy thân. Thời hạn cấp Giấy chứng nhận đăng ký hộ kinh doanh là **03 ngày làm việc** kể từ ngày "
            "nhận đủ hồ sơ hợp lệ; thông tin đăng ký được chia sẻ sang cơ quan thuế.\n\n"
            "Sau khi đăng ký, vì kinh doanh dịch vụ ăn uống, chị cần bảo đảm điều kiện an toàn thực phẩm và phòng cháy, "
            "chữa cháy theo quy định, đồng thời thực hiện kê khai thuế theo hướng dẫn của cơ quan thuế quản lý địa bàn."
        ),
        name="Nguyễn Thị Quỳnh",
        show_name=True,
        area="sam-son",
        days_ago=105,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="dang-ky-kinh-doanh",
        title="Thành lập công ty TNHH một thành viên trực tuyến cần chuẩn bị gì?",
        question=(
            "Tôi muốn thành lập công ty TNHH một thành viên kinh doanh vật liệu xây dựng, trụ sở tại phường Đông Quang. Tôi "
            "có thể tự làm hồ sơ trực tuyến mà không qua dịch vụ được không? Tôi không có chữ ký số thì có nộp được không?"
        ),
        answer=(
            "Về vấn đề này, Sở Tài chính trả lời như sau:\n\n"
            "Theo **Luật Doanh nghiệp năm 2020** (đã được sửa đổi, bổ sung năm 2025) và các văn bản hướng dẫn, ông có thể "
            "tự nộp hồ sơ đăng ký thành lập doanh nghiệp qua Cổng thông tin quốc gia về đăng ký doanh nghiệp. Ông có thể "
            "xác thực hồ sơ bằng **tài khoản định danh điện tử** (VNeID mức độ 2) hoặc chữ ký số; không bắt buộc phải có "
            "chữ ký số.\n\n"
            "Hồ sơ công ty TNHH một thành viên do cá nhân làm chủ sở hữu gồm:\n\n"
            "- Giấy đề nghị đăng ký doanh nghiệp;\n"
            "- Điều lệ công ty;\n"
            "- Thông tin về giấy tờ pháp lý của chủ sở hữu và người đại diện theo pháp luật;\n"
            "- Thông tin về chủ sở hữu hưởng lợi của doanh nghiệp theo quy định mới.\n\n"
            "Phòng Đăng ký kinh doanh thuộc Sở Tài chính xem xét và cấp Giấy chứng nhận đăng ký doanh nghiệp trong thời hạn "
            "**03 ngày làm việc** kể từ ngày nhận đủ hồ sơ hợp lệ; mã số doanh nghiệp đồng thời là mã số thuế. Ông cũng có "
            "thể gọi đến bộ phận hỗ trợ của Phòng Đăng ký kinh doanh để được hướng dẫn kê khai miễn phí trước khi nộp."
        ),
        name="Nguyễn Quốc Bảo",
        show_name=False,
        area="dong-quang",
        days_ago=229,
        answer_working_days=3,
    ),
    DemoAnswer(
        category="dang-ky-kinh-doanh",
        title="Quán ăn ở Sầm Sơn nghỉ mùa đông thì tạm ngừng kinh doanh thế nào?",
        question=(
            "Tôi có hộ kinh doanh quán ăn ở phường Sầm Sơn, chỉ đông khách vào mùa hè. Từ tháng 11 đến hết tháng 3 năm sau "
            "tôi muốn đóng cửa. Xin hỏi tôi phải báo cho cơ quan nào, trước bao nhiêu ngày, và trong thời gian nghỉ có phải "
            "nộp thuế không?"
        ),
        answer=(
            "Về vấn đề này, Sở Tài chính trả lời như sau:\n\n"
            "Hộ kinh doanh tạm ngừng kinh doanh phải gửi **thông báo tạm ngừng kinh doanh** đến cơ quan đăng ký kinh doanh "
            "cấp xã nơi đăng ký, tức là Ủy ban nhân dân phường Sầm Sơn, chậm nhất 03 ngày làm việc trước ngày tạm ngừng. "
            "Bà có thể nộp thông báo trực tiếp tại Trung tâm Phục vụ hành chính công phường hoặc trực tuyến trên "
            "https://dichvucong.gov.vn.\n\n"
            "Thông tin tạm ngừng được chia sẻ sang cơ quan thuế. Trong thời gian tạm ngừng đã thông báo, hộ kinh doanh "
            "không phải khai thuế và không phát sinh nghĩa vụ thuế đối với hoạt động kinh doanh.\n\n"
            "Nếu muốn kinh doanh trở lại trước thời hạn đã thông báo, bà gửi thông báo tiếp tục kinh doanh theo cách tương "
            "tự. Hết thời hạn tạm ngừng, hộ kinh doanh đương nhiên hoạt động trở lại và thực hiện kê khai thuế theo quy "
            "định."
        ),
        name="Trần Thị Kim Oanh",
        show_name=True,
        area="sam-son",
        days_ago=264,
        answer_working_days=5,
    ),
    # ------------------------------------------------------------------ Lao động, việc làm
    DemoAnswer(
        category="lao-dong-viec-lam",
        title="Công ty may nợ lương công nhân hai tháng",
        question=(
            "Tôi là công nhân một công ty may ở xã Hậu Lộc. Đã hai tháng nay công ty chưa trả lương, chỉ hẹn lần hẹn lữa, "
            "khoảng 300 công nhân cùng bị như vậy. Xin hỏi công ty làm vậy có đúng không, chúng tôi có được nghỉ việc ngay "
            "mà không phải báo trước không?"
        ),
        answer=(
            "Về vấn đề này, Sở Nội vụ trả lời như sau:\n\n"
            "Theo **Bộ luật Lao động năm 2019**, người sử dụng lao động phải trả lương đầy đủ, đúng hạn. Trường hợp vì lý "
            "do bất khả kháng mà đã tìm mọi biện pháp khắc phục nhưng không thể trả đúng hạn thì không được chậm quá 30 "
            "ngày; nếu trả chậm từ 15 ngày trở lên thì phải đền bù cho người lao động một khoản tiền ít nhất bằng số lãi "
            "của số tiền trả chậm theo lãi suất huy động tiền gửi kỳ hạn 01 tháng.\n\n"
            "Người lao động có quyền đơn phương chấm dứt hợp đồng lao động **không cần báo trước** khi không được trả đủ "
            "lương hoặc không được trả lương đúng thời hạn, trừ trường hợp bất khả kháng theo quy định.\n\n"
            "Sau khi nhận phản ánh, Sở Nội vụ đã phối hợp với Ủy ban nhân dân xã Hậu Lộc và công đoàn làm việc với công ty. "
            "Công ty thừa nhận nợ lương do khó khăn về đơn hàng và đã ký cam kết trả hết lương nợ, kèm tiền đền bù chậm trả, "
            "theo lộ trình cụ thể. Sở Nội vụ sẽ tiếp tục giám sát việc thực hiện; nếu công ty không thực hiện đúng cam kết, "
            "Sở sẽ tiến hành thanh tra và xử lý theo quy định.\n\n"
            "Người lao động cũng có thể đề nghị hòa giải viên lao động hòa giải hoặc khởi kiện tại Tòa án để bảo vệ quyền "
            "lợi của mình."
        ),
        name="Hà Thị Xuân",
        show_name=False,
        area="hau-loc",
        days_ago=23,
        answer_working_days=6,
    ),
    DemoAnswer(
        category="lao-dong-viec-lam",
        title="Đã đóng bảo hiểm thất nghiệp đủ 6 năm thì có được trợ cấp thôi việc không?",
        question=(
            "Tôi làm việc cho một doanh nghiệp ở phường Quang Trung 6 năm, nay hết hợp đồng và công ty không ký tiếp. Công "
            "ty nói vì đã đóng bảo hiểm thất nghiệp đầy đủ nên tôi không được trợ cấp thôi việc. Công ty nói vậy có đúng "
            "không?"
        ),
        answer=(
            "Về vấn đề này, Sở Nội vụ trả lời như sau:\n\n"
            "Theo **Bộ luật Lao động năm 2019**, khi hợp đồng lao động chấm dứt (trong đó có trường hợp hết hạn hợp đồng), "
            "người sử dụng lao động có trách nhiệm trả trợ cấp thôi việc cho người lao động đã làm việc thường xuyên từ đủ "
            "12 tháng trở lên, mỗi năm làm việc được trợ cấp một nửa tháng tiền lương.\n\n"
            "Tuy nhiên, **thời gian làm việc để tính trợ cấp thôi việc** là tổng thời gian đã làm việc thực tế trừ đi thời "
            "gian người lao động đã tham gia bảo hiểm thất nghiệp và thời gian đã được chi trả trợ cấp thôi việc trước đó. "
            "Nếu trong suốt 6 năm công ty đã đóng bảo hiểm thất nghiệp đầy đủ cho anh thì công ty trả lời là đúng; thay vào "
            "đó, anh được xem xét hưởng trợ cấp thất nghiệp từ quỹ bảo hiểm thất nghiệp.\n\n"
            "Anh nên kiểm tra quá trình đóng trên ứng dụng VssID; nếu có tháng công ty chưa đóng bảo hiểm thất nghiệp, thời "
            "gian đó vẫn được tính để trả trợ cấp thôi việc. Hồ sơ hưởng trợ cấp thất nghiệp cần nộp trong thời hạn 03 "
            "tháng kể từ ngày chấm dứt hợp đồng lao động."
        ),
        name="Nguyễn Văn Tài",
        show_name=True,
        area="quang-trung",
        days_ago=296,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="lao-dong-viec-lam",
        title="Người môi giới thu 180 triệu để đi làm việc ở Nhật Bản, làm sao biết có bị lừa không?",
        question=(
            "Con trai tôi 22 tuổi ở xã Nga Sơn muốn đi làm việc ở Nhật Bản. Có một người quen giới thiệu đi theo diện thực "
            "tập sinh, đòi đặt cọc trước 50 triệu, tổng chi phí 180 triệu đồng, chỉ viết giấy tay. Xin hỏi như vậy có đúng "
            "quy định không, làm sao để biết đơn vị nào được phép đưa người đi?"
        ),
        answer=(
            "Về vấn đề này, Sở Nội vụ trả lời như sau:\n\n"
            "Theo **Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng năm 2020**, chỉ doanh nghiệp đã được "
            "cấp Giấy phép hoạt động dịch vụ đưa người lao động đi làm việc ở nước ngoài (và một số đơn vị sự nghiệp được "
            "giao nhiệm vụ) mới được tuyển chọn, đưa người lao động đi. Cá nhân không được phép thu tiền để đưa người đi "
            "làm việc ở nước ngoài.\n\n"
            "Các khoản tiền người lao động phải nộp (tiền dịch vụ, chi phí đào tạo, các khoản khác) phải được ghi rõ trong "
            "**hợp đồng đưa người lao động đi làm việc ở nước ngoài** ký với doanh nghiệp, có phiếu thu hợp lệ và không vượt "
            "mức trần theo quy định. Việc nộp tiền đặt cọc bằng giấy viết tay cho cá nhân có nhiều dấu hiệu rủi ro.\n\n"
            "Gia đình nên:\n\n"
            "- Tra cứu danh sách doanh nghiệp được cấp phép trên trang thông tin của cơ quan quản lý lao động ngoài nước "
            "thuộc Bộ Nội vụ;\n"
            "- Đến Trung tâm Dịch vụ việc làm tỉnh để được tư vấn miễn phí về các chương trình, thị trường lao động;\n"
            "- Không nộp tiền cho cá nhân trung gian; nếu đã nộp và có dấu hiệu lừa đảo, báo ngay cho cơ quan công an."
        ),
        name="Mai Văn Hậu",
        show_name=True,
        area="nga-son",
        days_ago=138,
        answer_working_days=5,
    ),
    # ------------------------------------------------------------------ Giao thông
    DemoAnswer(
        category="giao-thong",
        title="Đường liên thôn ở xã Triệu Sơn hư hỏng nặng, nhiều ổ gà sau mùa mưa",
        question=(
            "Tuyến đường liên thôn dài khoảng 2 km nối các thôn của xã Triệu Sơn ra quốc lộ bị hư hỏng nặng sau mùa mưa "
            "bão, nhiều ổ gà sâu, trời tối rất nguy hiểm. Tuần trước đã có hai học sinh đi xe đạp bị ngã. Đề nghị cơ quan "
            "chức năng sớm sửa chữa."
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Tuyến đường ông phản ánh là đường xã, thuộc phạm vi quản lý, bảo trì của Ủy ban nhân dân xã Triệu Sơn theo "
            "phân cấp quản lý hệ thống đường bộ. Sau khi nhận phản ánh, Sở Xây dựng đã đề nghị Ủy ban nhân dân xã kiểm tra "
            "hiện trạng và có biện pháp bảo đảm an toàn giao thông.\n\n"
            "Theo báo cáo của Ủy ban nhân dân xã:\n\n"
            "- Xã đã vá tạm các ổ gà sâu bằng đá dăm, cắm biển cảnh báo tại các vị trí nguy hiểm;\n"
            "- Tuyến đường đã được đưa vào kế hoạch sửa chữa, nâng cấp mặt đường bằng nguồn vốn xây dựng nông thôn mới và "
            "ngân sách xã trong năm tới.\n\n"
            "Sở Xây dựng sẽ theo dõi việc thực hiện. Trong thời gian chờ sửa chữa, đề nghị người dân chú ý quan sát biển "
            "cảnh báo, giảm tốc độ khi qua đoạn đường hư hỏng, và thông báo cho Ủy ban nhân dân xã khi phát sinh vị trí "
            "nguy hiểm mới."
        ),
        name="Lê Văn Quý",
        show_name=True,
        area="trieu-son",
        days_ago=180,
        answer_working_days=14,
    ),
    DemoAnswer(
        category="giao-thong",
        title="Giấy phép lái xe hạng B2 sắp hết hạn, nay đổi ở đâu?",
        question=(
            "Giấy phép lái xe hạng B2 của tôi cấp năm 2016, sắp hết hạn. Trước đây tôi đổi ở Sở Giao thông vận tải, nay "
            "Sở đã sáp nhập vào Sở Xây dựng. Xin hỏi tôi đổi bằng ở đâu, có làm online được không và đổi sang hạng gì?"
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Theo **Luật Trật tự, an toàn giao thông đường bộ năm 2024**, từ ngày 01/3/2025 nhiệm vụ sát hạch, cấp, đổi, "
            "cấp lại giấy phép lái xe được chuyển giao từ ngành giao thông vận tải trước đây sang **ngành Công an**. Vì vậy, "
            "anh liên hệ Phòng Cảnh sát giao thông Công an tỉnh hoặc các điểm tiếp nhận do Công an tỉnh thông báo để làm "
            "thủ tục đổi giấy phép lái xe.\n\n"
            "Anh có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia https://dichvucong.gov.vn hoặc ứng dụng VNeID; "
            "giấy khám sức khỏe dành cho người lái xe được liên thông điện tử từ cơ sở y tế. Giấy phép lái xe hạng B2 cấp "
            "trước ngày 01/01/2025 được đổi sang hạng tương ứng theo quy định chuyển tiếp của Luật.\n\n"
            "Anh nên làm thủ tục trước khi giấy phép hết hạn để tránh trường hợp điều khiển xe với giấy phép lái xe đã hết "
            "hạn sử dụng, là hành vi bị xử phạt theo Nghị định số 168/2024/NĐ-CP."
        ),
        name="Trần Quốc Khánh",
        show_name=True,
        area="dong-son",
        days_ago=300,
        answer_working_days=3,
    ),
    DemoAnswer(
        category="giao-thong",
        title="Xe tải chở đất đá quá tải cày nát đường xã và gây bụi",
        question=(
            "Mấy tháng nay, hằng ngày có hàng chục lượt xe tải chở đất đá từ một công trường đi qua đường xã ở xã Yên Định, "
            "xe chở vượt thành thùng, không che phủ, làm đường nứt vỡ, bụi mù mịt, rất nguy hiểm cho học sinh. Đề nghị cơ "
            "quan chức năng kiểm tra xử lý."
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Sở Xây dựng đã phối hợp với Công an tỉnh (Phòng Cảnh sát giao thông) và Ủy ban nhân dân xã Yên Định kiểm tra "
            "tuyến đường. Qua kiểm tra, lực lượng chức năng đã phát hiện và xử phạt một số xe chở hàng vượt quá tải trọng "
            "cho phép của cầu, đường và không che phủ thùng xe theo Nghị định số 168/2024/NĐ-CP.\n\n"
            "Để khắc phục lâu dài:\n\n"
            "- Ủy ban nhân dân xã cắm biển hạn chế tải trọng trên tuyến đường xã;\n"
            "- Chủ đầu tư công trình được yêu cầu bố trí cầu rửa xe, che phủ thùng xe, tưới nước giảm bụi và chịu trách "
            "nhiệm sửa chữa những đoạn đường hư hỏng do xe phục vụ công trình gây ra;\n"
            "- Công an xã tăng cường tuần tra vào giờ học sinh đến trường và tan học.\n\n"
            "Người dân phát hiện xe vi phạm có thể cung cấp hình ảnh, thời gian, biển số xe cho Công an xã hoặc phản ánh "
            "trên Cổng này để được xử lý."
        ),
        name="Phạm Thị Loan",
        show_name=False,
        area="yen-dinh",
        days_ago=42,
        answer_working_days=9,
    ),
    # ------------------------------------------------------------------ Môi trường
    DemoAnswer(
        category="moi-truong",
        title="Bãi rác tự phát ven đường gây mùi hôi cạnh khu dân cư xã Hoằng Hóa",
        question=(
            "Cạnh đường vào thôn tôi ở xã Hoằng Hóa hình thành một bãi rác tự phát dài hơn 50 m, người nơi khác chở rác "
            "đến đổ vào ban đêm. Trời nắng bốc mùi hôi thối, ruồi nhặng bay vào nhà. Xin cơ quan chức năng xử lý dứt điểm."
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Theo **Luật Bảo vệ môi trường năm 2020**, Ủy ban nhân dân cấp xã có trách nhiệm tổ chức thu gom, vận chuyển "
            "chất thải rắn sinh hoạt trên địa bàn và xử lý hành vi đổ thải không đúng nơi quy định. Sở đã đề nghị Ủy ban "
            "nhân dân xã Hoằng Hóa kiểm tra, xử lý.\n\n"
            "Ủy ban nhân dân xã đã huy động đơn vị vệ sinh môi trường thu gom, vận chuyển toàn bộ rác tại điểm tự phát đi "
            "xử lý, phun chế phẩm khử mùi, lắp biển cấm đổ rác và camera giám sát. Các trường hợp đổ thải trái phép bị xử "
            "phạt theo Nghị định số 45/2022/NĐ-CP về xử phạt vi phạm hành chính trong lĩnh vực bảo vệ môi trường.\n\n"
            "Xã cũng bố trí lại lịch thu gom rác tại các thôn và hướng dẫn người dân **phân loại chất thải rắn sinh hoạt tại "
            "nguồn**. Đề nghị bà cùng bà con theo dõi, thông báo cho trưởng thôn hoặc Ủy ban nhân dân xã khi phát hiện đối "
            "tượng đổ rác trái phép."
        ),
        name="Lê Thị Thoa",
        show_name=True,
        area="hoang-hoa",
        days_ago=323,
        answer_working_days=10,
    ),
    DemoAnswer(
        category="moi-truong",
        title="Cơ sở chế biến hải sản xả nước thải, bốc mùi cả khu phố ở phường Nam Sầm Sơn",
        question=(
            "Một cơ sở chế biến, phơi sấy hải sản ở phường Nam Sầm Sơn xả nước thải thẳng ra rãnh thoát nước chung, mùi "
            "tanh hôi nồng nặc nhất là vào buổi chiều. Người dân đã kiến nghị với phường nhiều lần. Đề nghị Sở kiểm tra "
            "việc chấp hành quy định bảo vệ môi trường của cơ sở này."
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Sở đã phối hợp với Ủy ban nhân dân phường Nam Sầm Sơn kiểm tra đột xuất cơ sở. Kết quả cho thấy cơ sở chưa "
            "thực hiện **đăng ký môi trường** theo quy định của Luật Bảo vệ môi trường năm 2020, hệ thống xử lý nước thải "
            "không vận hành, nước thải chưa qua xử lý được xả ra hệ thống thoát nước chung.\n\n"
            "Đoàn kiểm tra đã lập biên bản, Ủy ban nhân dân phường ban hành quyết định xử phạt vi phạm hành chính theo Nghị "
            "định số 45/2022/NĐ-CP, đồng thời buộc cơ sở:\n\n"
            "- Dừng xả nước thải chưa qua xử lý ra môi trường;\n"
            "- Cải tạo, vận hành hệ thống xử lý nước thải bảo đảm quy chuẩn kỹ thuật trong thời hạn được giao;\n"
            "- Thực hiện đăng ký môi trường với cơ quan có thẩm quyền.\n\n"
            "Hết thời hạn khắc phục, Sở sẽ cùng phường kiểm tra lại; nếu cơ sở không chấp hành sẽ bị xử lý nghiêm, kể cả "
            "đình chỉ hoạt động. Kết quả xử lý sẽ được Ủy ban nhân dân phường thông báo đến khu dân cư."
        ),
        name="Nguyễn Văn Thành",
        show_name=True,
        area="nam-sam-son",
        days_ago=74,
        answer_working_days=12,
    ),
    DemoAnswer(
        category="moi-truong",
        title="Đốt rơm rạ sau thu hoạch khói mù mịt, ảnh hưởng sức khỏe và giao thông",
        question=(
            "Mỗi vụ gặt ở xã Thọ Xuân, nhiều gia đình đốt rơm rạ ngay trên ruộng, khói bay vào khu dân cư và ra cả đường "
            "lớn, người đi xe máy không nhìn thấy đường. Nhà tôi có người già bị hen suyễn. Xin hỏi việc đốt rơm có bị cấm "
            "không và chính quyền có giải pháp gì?"
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Khói từ đốt rơm rạ ngoài trời làm gia tăng bụi mịn, ảnh hưởng đến sức khỏe người dân, nhất là người cao tuổi, "
            "trẻ em và người mắc bệnh hô hấp, đồng thời gây mất an toàn giao thông. **Luật Bảo vệ môi trường năm 2020** "
            "yêu cầu các địa phương có giải pháp kiểm soát, hạn chế việc đốt phụ phẩm nông nghiệp gây ô nhiễm môi trường.\n\n"
            "Sở đã đề nghị Ủy ban nhân dân xã Thọ Xuân tăng cường tuyên truyền, vận động người dân không đốt rơm rạ gần khu "
            "dân cư, trục giao thông; xử lý các trường hợp cố tình vi phạm theo quy định. Ngành nông nghiệp đang hướng dẫn "
            "các giải pháp tận dụng rơm rạ thay cho việc đốt:\n\n"
            "- Dùng chế phẩm vi sinh để xử lý rơm rạ ngay trên ruộng, làm phân bón hữu cơ;\n"
            "- Cuộn rơm làm thức ăn chăn nuôi, trồng nấm, làm vật liệu che phủ.\n\n"
            "Người dân có nhu cầu được hỗ trợ chế phẩm vi sinh có thể đăng ký với Ủy ban nhân dân xã hoặc hợp tác xã dịch "
            "vụ nông nghiệp tại địa phương."
        ),
        name="Lê Thị Mai",
        show_name=False,
        area="tho-xuan",
        days_ago=234,
        answer_working_days=7,
    ),
    # ------------------------------------------------------------------ Nông nghiệp, thủy lợi, phòng chống thiên tai
    DemoAnswer(
        category="nong-nghiep",
        title="Ruộng cói và lúa bị ngập sau bão, bao giờ được hỗ trợ thiệt hại?",
        question=(
            "Sau đợt mưa bão vừa qua, gia đình tôi ở xã Nga Sơn có 4 sào cói và 3 sào lúa bị ngập úng, thiệt hại gần hết. "
            "Thôn đã cho khai báo nhưng đến nay chưa thấy thông tin gì. Xin hỏi chúng tôi có được nhà nước hỗ trợ không, "
            "mức hỗ trợ thế nào và bao giờ được nhận?"
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Theo quy định của Chính phủ về chính sách hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất vùng bị thiệt hại "
            "do thiên tai, hộ sản xuất có cây trồng bị thiệt hại **từ 30% trở lên** được xem xét hỗ trợ; mức hỗ trợ tính "
            "trên diện tích bị thiệt hại, phân theo loại cây trồng (lúa, cây hằng năm, cây lâu năm) và mức độ thiệt hại "
            "(từ 30% đến 70% và trên 70%).\n\n"
            "Trình tự thực hiện như sau:\n\n"
            "- Hộ sản xuất kê khai thiệt hại với thôn, Ủy ban nhân dân xã;\n"
            "- Ủy ban nhân dân xã kiểm tra, đánh giá thiệt hại thực tế, lập danh sách và **niêm yết công khai**;\n"
            "- Ủy ban nhân dân xã tổng hợp, đề nghị hỗ trợ; sau khi có quyết định, kinh phí được chi trả cho các hộ.\n\n"
            "Theo báo cáo của Ủy ban nhân dân xã Nga Sơn, danh sách các hộ bị thiệt hại đợt này đã được tổng hợp và đang "
            "trong thời gian niêm yết công khai. Ông nên kiểm tra tên gia đình trong danh sách niêm yết tại nhà văn hóa thôn "
            "hoặc trụ sở xã; nếu có sai sót về diện tích, đề nghị phản ánh ngay với Ủy ban nhân dân xã trong thời gian niêm "
            "yết."
        ),
        name="Mai Văn Nghĩa",
        show_name=True,
        area="nga-son",
        days_ago=170,
        answer_working_days=11,
    ),
    DemoAnswer(
        category="nong-nghiep",
        title="Kênh tưới bị bồi lấp, ruộng thiếu nước gieo cấy vụ Xuân",
        question=(
            "Đoạn kênh tưới dẫn nước vào cánh đồng thôn tôi ở xã Yên Định bị bồi lấp, cỏ mọc kín, nước không về được. "
            "Sắp đến lịch gieo cấy vụ Xuân mà hơn 20 ha ruộng vẫn khô. Đề nghị cơ quan chức năng nạo vét kênh kịp thời vụ."
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Theo **Luật Thủy lợi năm 2017**, kênh chính, kênh nhánh do đơn vị quản lý khai thác công trình thủy lợi quản "
            "lý; kênh nội đồng do tổ chức thủy lợi cơ sở (hợp tác xã hoặc tổ hợp tác dùng nước) quản lý, vận hành và nạo "
            "vét hằng năm.\n\n"
            "Sau khi nhận phản ánh, Sở đã chỉ đạo đơn vị quản lý khai thác công trình thủy lợi phối hợp với Ủy ban nhân "
            "dân xã Yên Định kiểm tra. Đoạn kênh bị bồi lấp thuộc kênh nhánh; đơn vị quản lý đã bố trí máy nạo vét và dự "
            "kiến hoàn thành trước đợt lấy nước gieo cấy. Đối với các tuyến kênh nội đồng, xã đã chỉ đạo hợp tác xã dịch "
            "vụ nông nghiệp huy động người dân ra quân làm thủy lợi nội đồng.\n\n"
            "Sở đề nghị bà con theo dõi lịch lấy nước do ngành nông nghiệp thông báo để chủ động làm đất, gieo cấy đúng "
            "khung thời vụ."
        ),
        name="Lê Văn Cảnh",
        show_name=True,
        area="yen-dinh",
        days_ago=359,
        answer_working_days=5,
    ),
    # ------------------------------------------------------------------ Giảm nghèo, nông thôn mới
    DemoAnswer(
        category="giam-ngheo",
        title="Gia đình có người ốm nặng nhưng không được xét hộ cận nghèo",
        question=(
            "Chồng tôi bị tai biến nằm một chỗ đã hơn một năm, mình tôi làm ruộng nuôi hai con đi học ở xã Hậu Lộc. Đợt rà "
            "soát cuối năm trước gia đình tôi không có tên trong danh sách hộ cận nghèo. Xin hỏi tôi có thể đề nghị xét lại "
            "không, làm ở đâu?"
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Việc xác định hộ nghèo, hộ cận nghèo căn cứ **chuẩn nghèo đa chiều** do Chính phủ quy định, gồm tiêu chí về "
            "thu nhập và mức độ thiếu hụt các dịch vụ xã hội cơ bản (y tế, giáo dục, nhà ở, nước sinh hoạt, việc làm, thông "
            "tin). Ngoài đợt rà soát định kỳ hằng năm, hộ gia đình có biến động về hoàn cảnh **được đề nghị xét duyệt bất "
            "kỳ lúc nào trong năm** (rà soát thường xuyên).\n\n"
            "Chị nộp giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo tại Ủy ban nhân dân xã Hậu Lộc. Ủy ban nhân dân xã sẽ tổ "
            "chức thẩm định, thu thập thông tin của hộ, niêm yết công khai kết quả và quyết định công nhận nếu hộ đáp ứng "
            "tiêu chí.\n\n"
            "Nếu được công nhận hộ cận nghèo, các thành viên được hỗ trợ một phần kinh phí tham gia bảo hiểm y tế, các cháu "
            "được hưởng chính sách hỗ trợ trong giáo dục và gia đình được vay vốn ưu đãi từ Ngân hàng Chính sách xã hội. "
            "Ngoài ra, do chồng chị bị bệnh nặng, chị nên hỏi Ủy ban nhân dân xã về việc xác định mức độ khuyết tật để "
            "xem xét các chế độ trợ giúp xã hội khác."
        ),
        name="Nguyễn Thị Thơm",
        show_name=False,
        area="hau-loc",
        days_ago=190,
        answer_working_days=8,
    ),
    DemoAnswer(
        category="giam-ngheo",
        title="Cơ sở làm bánh gai muốn đăng ký sản phẩm OCOP cần điều kiện gì?",
        question=(
            "Gia đình tôi có cơ sở làm bánh gai truyền thống ở xã Thọ Xuân, mỗi ngày bán khoảng 2.000 chiếc, chủ yếu cho "
            "khách quen và khách du lịch. Tôi muốn đưa sản phẩm tham gia chương trình OCOP để dễ vào siêu thị. Xin hỏi cần "
            "chuẩn bị những gì và được hỗ trợ gì?"
        ),
        answer=(
            "Về vấn đề này, Sở Nông nghiệp và Môi trường trả lời như sau:\n\n"
            "Chương trình Mỗi xã một sản phẩm (OCOP) là một nội dung của Chương trình mục tiêu quốc gia xây dựng nông thôn "
            "mới. Chủ thể tham gia có thể là doanh nghiệp, hợp tác xã, tổ hợp tác hoặc **hộ sản xuất có đăng ký kinh "
            "doanh**.\n\n"
            "Để sản phẩm được đánh giá, phân hạng, cơ sở của ông cần chuẩn bị:\n\n"
            "- Giấy chứng nhận đăng ký hộ kinh doanh;\n"
            "- Giấy tờ chứng minh đủ điều kiện an toàn thực phẩm và kết quả kiểm nghiệm sản phẩm;\n"
            "- Nhãn hàng hóa đúng quy định, có thông tin truy xuất nguồn gốc;\n"
            "- Câu chuyện sản phẩm và phương án sản xuất kinh doanh.\n\n"
            "Ông đăng ký tham gia với Ủy ban nhân dân xã Thọ Xuân để được hướng dẫn hoàn thiện hồ sơ trước khi gửi Hội đồng "
            "đánh giá, phân hạng sản phẩm. Sản phẩm đạt từ 3 sao trở lên được hỗ trợ theo chính sách của tỉnh về thiết kế "
            "bao bì, xây dựng nhãn hiệu, tham gia hội chợ và kết nối tiêu thụ."
        ),
        name="Phạm Văn Lực",
        show_name=True,
        area="tho-xuan",
        days_ago=216,
        answer_working_days=6,
    ),
    # ------------------------------------------------------------------ Quy hoạch, kiến trúc
    DemoAnswer(
        category="quy-hoach",
        title="Làm sao kiểm tra thông tin quy hoạch trước khi mua đất ở phường Tĩnh Gia?",
        question=(
            "Tôi định mua một lô đất khoảng 100 m² ở phường Tĩnh Gia, người bán nói đất không dính quy hoạch nhưng tôi muốn "
            "tự kiểm tra cho chắc. Xin hỏi tôi xem thông tin quy hoạch ở đâu, có mất phí không?"
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Theo **Luật Quy hoạch đô thị và nông thôn năm 2024**, quy hoạch sau khi được phê duyệt phải được công bố công "
            "khai và tổ chức, cá nhân có quyền được cung cấp thông tin về quy hoạch. Chị có thể tìm hiểu thông tin theo các "
            "cách sau:\n\n"
            "- Xem hồ sơ quy hoạch được công bố trên Cổng thông tin điện tử tỉnh https://thanhhoa.gov.vn và tại trụ sở Ủy "
            "ban nhân dân phường;\n"
            "- Đề nghị Ủy ban nhân dân phường Tĩnh Gia cung cấp thông tin quy hoạch tại vị trí lô đất bằng văn bản (ghi rõ "
            "số tờ, số thửa hoặc kèm sơ đồ vị trí).\n\n"
            "Ngoài thông tin quy hoạch, trước khi giao dịch, chị nên đề nghị Văn phòng Đăng ký đất đai cung cấp thông tin về "
            "thửa đất (người sử dụng đất, tình trạng thế chấp, hạn chế quyền) và kiểm tra bản chính Giấy chứng nhận. Hợp đồng "
            "chuyển nhượng quyền sử dụng đất phải được công chứng hoặc chứng thực theo quy định."
        ),
        name="Nguyễn Thị Vân",
        show_name=True,
        area="tinh-gia",
        days_ago=247,
        answer_working_days=6,
    ),
    DemoAnswer(
        category="quy-hoach",
        title="Đất nằm trong quy hoạch mở rộng đường nhưng chưa có quyết định thu hồi, có được xây nhà không?",
        question=(
            "Thửa đất ở của tôi tại phường Đông Sơn có khoảng 40 m² nằm trong quy hoạch mở rộng đường từ nhiều năm nay nhưng "
            "chưa thấy triển khai, chưa có quyết định thu hồi. Nhà cũ đã xuống cấp, tôi muốn xây lại. Xin hỏi tôi có được "
            "cấp phép xây dựng không?"
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Theo quy định của **Luật Đất đai năm 2024**, khi chưa có quyết định thu hồi đất, người sử dụng đất trong khu "
            "vực đã có quy hoạch vẫn được tiếp tục sử dụng và thực hiện các quyền của người sử dụng đất theo quy định.\n\n"
            "Về xây dựng, theo **Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020)**:\n\n"
            "- Phần diện tích **nằm ngoài** chỉ giới đường đỏ theo quy hoạch: ông được xem xét cấp giấy phép xây dựng theo "
            "quy định thông thường;\n"
            "- Phần diện tích **nằm trong** phạm vi quy hoạch mở rộng đường mà chưa có kế hoạch thực hiện: có thể được xem "
            "xét cấp **giấy phép xây dựng có thời hạn**, với quy mô công trình và thời hạn tồn tại phù hợp với kế hoạch thực "
            "hiện quy hoạch.\n\n"
            "Khi hết thời hạn ghi trong giấy phép hoặc khi Nhà nước triển khai dự án, chủ công trình xây dựng theo giấy "
            "phép có thời hạn phải tự phá dỡ; việc bồi thường, hỗ trợ được thực hiện theo quy định của pháp luật. Ông nên "
            "đề nghị Ủy ban nhân dân phường Đông Sơn cung cấp chỉ giới đường đỏ tại thửa đất trước khi thuê thiết kế."
        ),
        name="Lê Văn Hải",
        show_name=False,
        area="dong-son",
        days_ago=319,
        answer_working_days=8,
    ),
    # ------------------------------------------------------------------ Nhà ở, bất động sản
    DemoAnswer(
        category="nha-o",
        title="Vợ chồng công nhân muốn mua nhà ở xã hội cần điều kiện gì?",
        question=(
            "Vợ chồng tôi đều là công nhân, đang thuê trọ ở phường Đông Quang, chưa có nhà ở riêng. Thu nhập hai vợ chồng "
            "khoảng 18 triệu đồng một tháng. Xin hỏi chúng tôi có đủ điều kiện mua nhà ở xã hội không, đăng ký ở đâu và có "
            "được vay ưu đãi không?"
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Theo **Luật Nhà ở năm 2023** và Nghị định số 100/2024/NĐ-CP của Chính phủ (đã được sửa đổi, bổ sung), công nhân, "
            "người lao động làm việc tại doanh nghiệp thuộc đối tượng được mua nhà ở xã hội nếu đáp ứng đồng thời:\n\n"
            "- Điều kiện về nhà ở: chưa có nhà ở thuộc sở hữu của mình tại tỉnh nơi có dự án, hoặc có nhà ở nhưng diện tích "
            "bình quân đầu người thấp hơn mức tối thiểu theo quy định;\n"
            "- Điều kiện về thu nhập: thu nhập bình quân hằng tháng không vượt mức trần quy định cho vợ chồng, có xác nhận của "
            "đơn vị nơi làm việc.\n\n"
            "Với thông tin anh cung cấp, vợ chồng anh có khả năng đáp ứng điều kiện; việc xác định cuối cùng do chủ đầu tư "
            "dự án kiểm tra khi xét duyệt hồ sơ. Anh nộp hồ sơ đăng ký mua trực tiếp tại chủ đầu tư dự án nhà ở xã hội; danh "
            "sách dự án đủ điều kiện mở bán được Sở Xây dựng công bố công khai.\n\n"
            "Người mua nhà ở xã hội được xem xét vay vốn ưu đãi tại Ngân hàng Chính sách xã hội hoặc các tổ chức tín dụng "
            "được chỉ định, với lãi suất và thời hạn vay theo quy định."
        ),
        name="Trần Văn Nam",
        show_name=True,
        area="dong-quang",
        days_ago=120,
        answer_working_days=7,
    ),
    DemoAnswer(
        category="nha-o",
        title="Chủ đầu tư chung cư chưa bàn giao quỹ bảo trì 2% cho ban quản trị",
        question=(
            "Tôi là thành viên ban quản trị một tòa chung cư ở phường Hạc Thành. Ban quản trị đã được công nhận hơn một năm "
            "nhưng chủ đầu tư vẫn chưa bàn giao kinh phí bảo trì 2% mà cư dân đã nộp khi mua nhà, dù chúng tôi đã gửi văn "
            "bản nhiều lần. Đề nghị Sở Xây dựng can thiệp."
        ),
        answer=(
            "Về vấn đề này, Sở Xây dựng trả lời như sau:\n\n"
            "Theo **Luật Nhà ở năm 2023**, kinh phí bảo trì phần sở hữu chung nhà chung cư (2% giá bán, giá thuê mua) thuộc "
            "sở hữu chung của các chủ sở hữu; chủ đầu tư có trách nhiệm bàn giao kinh phí này cho Ban quản trị nhà chung cư "
            "sau khi Ban quản trị được thành lập, kèm theo quyết toán số liệu. Trường hợp chủ đầu tư không bàn giao, Ban quản "
            "trị có quyền đề nghị Ủy ban nhân dân cấp tỉnh cưỡng chế bàn giao.\n\n"
            "Sau khi nhận phản ánh, Sở Xây dựng đã tổ chức làm việc với chủ đầu tư và Ban quản trị. Chủ đầu tư đã thống nhất "
            "số liệu kinh phí bảo trì và cam kết chuyển toàn bộ vào tài khoản của Ban quản trị trong thời hạn 30 ngày.\n\n"
            "Sở Xây dựng sẽ theo dõi việc thực hiện. Hết thời hạn cam kết mà chủ đầu tư không bàn giao, đề nghị Ban quản trị "
            "gửi văn bản để Sở tham mưu Ủy ban nhân dân tỉnh ban hành quyết định cưỡng chế bàn giao kinh phí bảo trì theo "
            "quy định."
        ),
        name="Phạm Minh Tuấn",
        show_name=True,
        area="hac-thanh",
        days_ago=83,
        answer_working_days=13,
    ),
    # ------------------------------------------------------------------ Đầu tư, hỗ trợ doanh nghiệp
    DemoAnswer(
        category="dau-tu",
        title="Thủ tục đầu tư nhà máy cơ khí trong khu công nghiệp thuộc Khu kinh tế Nghi Sơn",
        question=(
            "Công ty chúng tôi dự kiến đầu tư nhà máy gia công cơ khí chính xác, diện tích khoảng 5 ha, tổng vốn khoảng 120 "
            "tỷ đồng, thuê lại đất trong một khu công nghiệp thuộc Khu kinh tế Nghi Sơn. Xin hỏi thủ tục đầu tư thực hiện "
            "ở cơ quan nào, mất bao lâu và dự án được hưởng những ưu đãi gì?"
        ),
        answer=(
            "Về vấn đề này, Sở Tài chính trả lời như sau:\n\n"
            "Đối với dự án đầu tư trong khu công nghiệp, khu kinh tế, **Ban Quản lý Khu kinh tế Nghi Sơn và các khu công "
            "nghiệp tỉnh** là cơ quan đăng ký đầu tư, tiếp nhận hồ sơ và cấp Giấy chứng nhận đăng ký đầu tư theo **Luật Đầu "
            "tư năm 2020**. Dự án thuê lại đất của doanh nghiệp kinh doanh hạ tầng khu công nghiệp thường không phải chấp "
            "thuận chủ trương đầu tư, trừ các trường hợp luật định; khi đó nhà đầu tư nộp hồ sơ đề nghị cấp Giấy chứng nhận "
            "đăng ký đầu tư và được giải quyết trong thời hạn theo quy định của Luật.\n\n"
            "Về ưu đãi, dự án đầu tư tại khu kinh tế thuộc diện được hưởng ưu đãi đầu tư theo địa bàn, bao gồm ưu đãi về "
            "thuế thu nhập doanh nghiệp (thuế suất ưu đãi, miễn, giảm thuế có thời hạn), miễn thuế nhập khẩu đối với hàng "
            "hóa tạo tài sản cố định theo quy định, và miễn, giảm tiền thuê đất theo pháp luật về đất đai. Mức ưu đãi cụ thể "
            "được xác định theo hồ sơ dự án và quy định tại thời điểm được hưởng.\n\n"
            "Quý Công ty nên liên hệ bộ phận xúc tiến đầu tư của Ban Quản lý để được hướng dẫn lựa chọn địa điểm, khảo sát "
            "hạ tầng và hỗ trợ thủ tục miễn phí trước khi nộp hồ sơ."
        ),
        name="Công ty TNHH Cơ khí Chính xác Hoàng Phát",
        show_name=True,
        area="nghi-son",
        days_ago=312,
        answer_working_days=9,
    ),
    DemoAnswer(
        category="dau-tu",
        title="Doanh nghiệp nhỏ sản xuất nem chua được hỗ trợ gì để mở rộng thị trường?",
        question=(
            "Chúng tôi là doanh nghiệp nhỏ sản xuất nem chua, chả tôm tại phường Hạc Thành, có 25 lao động. Công ty muốn "
            "được hỗ trợ tư vấn xây dựng hệ thống quản lý chất lượng, đào tạo nhân viên bán hàng trực tuyến và tham gia hội "
            "chợ ở các tỉnh. Xin hỏi hiện có chính sách hỗ trợ nào và đăng ký ở đâu?"
        ),
        answer=(
            "Về vấn đề này, Sở Tài chính trả lời như sau:\n\n"
            "Theo **Luật Hỗ trợ doanh nghiệp nhỏ và vừa năm 2017** và Nghị định số 80/2021/NĐ-CP của Chính phủ, doanh nghiệp "
            "nhỏ và vừa được hỗ trợ một phần chi phí đối với các nội dung:\n\n"
            "- Tư vấn qua mạng lưới tư vấn viên (quản trị, tài chính, sở hữu trí tuệ, hệ thống quản lý chất lượng);\n"
            "- Đào tạo, phát triển nguồn nhân lực, trong đó có kỹ năng kinh doanh trên môi trường số;\n"
            "- Chuyển đổi số và mở rộng thị trường, tham gia hội chợ, triển lãm xúc tiến thương mại.\n\n"
            "Nghị quyết số 68-NQ/TW của Bộ Chính trị về phát triển kinh tế tư nhân và các chính sách của tỉnh cũng ưu tiên "
            "hỗ trợ doanh nghiệp nhỏ và vừa trong đổi mới công nghệ và tiếp cận thị trường.\n\n"
            "Quý Công ty lập hồ sơ đề nghị hỗ trợ theo mẫu, kèm tờ khai xác định doanh nghiệp nhỏ và vừa, gửi Sở Tài chính "
            "hoặc đơn vị được giao chủ trì từng nội dung hỗ trợ. Đối với hội chợ, triển lãm, Quý Công ty có thể đăng ký tham "
            "gia chương trình xúc tiến thương mại hằng năm của tỉnh do Sở Công Thương thông báo."
        ),
        name="Công ty TNHH Thực phẩm Xứ Thanh",
        show_name=True,
        area="hac-thanh",
        days_ago=159,
        answer_working_days=8,
    ),
    # ------------------------------------------------------------------ Ngân sách, giá, tài sản công
    DemoAnswer(
        category="tai-chinh-ngan-sach",
        title="Trụ sở xã cũ bỏ trống sau sáp nhập, đề nghị chuyển làm điểm trường mầm non",
        question=(
            "Sau khi sáp nhập xã, trụ sở Ủy ban nhân dân xã cũ ở thôn tôi (nay thuộc xã Triệu Sơn) bỏ trống đã nhiều tháng, "
            "cỏ mọc um tùm, cửa kính bị vỡ. Trong khi đó điểm trường mầm non của thôn đang phải học nhờ nhà văn hóa rất chật. "
            "Người dân đề nghị tỉnh cho chuyển trụ sở cũ làm điểm trường. Xin hỏi việc này có được không?"
        ),
        answer=(
            "Về vấn đề này, Sở Tài chính trả lời như sau:\n\n"
            "Theo **Luật Quản lý, sử dụng tài sản công năm 2017** (đã được sửa đổi, bổ sung) và hướng dẫn của Chính phủ về "
            "xử lý trụ sở, tài sản dôi dư sau sắp xếp đơn vị hành chính, các cơ sở nhà, đất không còn nhu cầu sử dụng được "
            "ưu tiên chuyển đổi công năng sang phục vụ **giáo dục, y tế, văn hóa, thể thao** và các nhu cầu công cộng khác "
            "của địa phương trước khi xem xét các hình thức xử lý khác.\n\n"
            "Ủy ban nhân dân xã Triệu Sơn đã có văn bản đề xuất sử dụng trụ sở cũ làm điểm trường mầm non và nhà sinh hoạt "
            "cộng đồng của thôn. Sở Tài chính đang phối hợp với Sở Giáo dục và Đào tạo thẩm định phương án để trình Ủy ban "
            "nhân dân tỉnh quyết định.\n\n"
            "Trong thời gian chờ quyết định, Ủy ban nhân dân xã có trách nhiệm quản lý, bảo vệ tài sản, không để xuống cấp "
            "hoặc bị lấn chiếm; xã đã phân công người trông coi và sửa chữa tạm cửa kính. Kiến nghị của bà con đã được ghi "
            "nhận làm căn cứ khi xây dựng phương án."
        ),
        name="Trịnh Đình Sơn",
        show_name=True,
        area="trieu-son",
        days_ago=51,
        answer_working_days=12,
    ),
    DemoAnswer(
        category="tai-chinh-ngan-sach",
        title="Giá gửi xe máy ở bệnh viện tuyến tỉnh có đúng quy định không?",
        question=(
            "Bãi giữ xe ở một bệnh viện tuyến tỉnh trên địa bàn phường Hạc Thành thu 5.000 đồng một lượt xe máy ban ngày, "
            "ban đêm 10.000 đồng. Người nhà bệnh nhân như tôi phải gửi xe cả tuần nên rất tốn kém. Xin hỏi mức thu này có "
            "đúng quy định không, có vé tháng hay vé nhiều ngày không?"
        ),
        answer=(
            "Về vấn đề này, Sở Tài chính trả lời như sau:\n\n"
            "Theo **Luật Giá năm 2023**, giá dịch vụ trông giữ xe tại các cơ sở sử dụng tài sản công như bệnh viện công lập "
            "được thực hiện theo mức giá do Ủy ban nhân dân tỉnh quy định; đơn vị cung cấp dịch vụ phải niêm yết giá công "
            "khai và thu đúng giá niêm yết.\n\n"
            "Sở Tài chính đã phối hợp với Sở Y tế kiểm tra. Mức thu theo lượt ban ngày và ban đêm mà bà nêu nằm trong mức "
            "giá tối đa do tỉnh quy định. Tuy nhiên, bãi xe chưa niêm yết rõ giá vé tháng và chưa có hình thức vé nhiều ngày "
            "dành cho người nhà bệnh nhân điều trị nội trú.\n\n"
            "Sở đã đề nghị bệnh viện yêu cầu đơn vị trông giữ xe niêm yết đầy đủ các mức giá và triển khai vé theo ngày, vé "
            "tháng cho người nhà bệnh nhân, bảo đảm giảm chi phí so với gửi theo lượt. Nếu phát hiện thu cao hơn giá niêm yết, "
            "đề nghị bà giữ lại vé và phản ánh với bệnh viện hoặc trên Cổng này."
        ),
        name="Nguyễn Thị Lụa",
        show_name=False,
        area="hac-thanh",
        days_ago=65,
        answer_working_days=8,
    ),
    # ------------------------------------------------------------------ Công thương, điện
    DemoAnswer(
        category="cong-thuong",
        title="Lắp điện mặt trời mái nhà 8 kWp để gia đình tự dùng có phải xin phép không?",
        question=(
            "Tôi muốn lắp hệ thống điện mặt trời trên mái nhà công suất khoảng 8 kWp cho gia đình tự dùng ở phường Quảng "
            "Phú. Xin hỏi có phải xin giấy phép không, điện dùng không hết có bán lại cho ngành điện được không?"
        ),
        answer=(
            "Về vấn đề này, Sở Công Thương trả lời như sau:\n\n"
            "Theo **Luật Điện lực năm 2024** và Nghị định số 58/2025/NĐ-CP của Chính phủ quy định về phát triển điện năng "
            "lượng tái tạo, điện năng lượng mới, hộ gia đình lắp đặt điện mặt trời mái nhà tự sản xuất, tự tiêu thụ với quy "
            "mô như của ông **không phải có giấy phép hoạt động điện lực**. Ông cần gửi thông báo về việc lắp đặt (công suất, "
            "vị trí, hình thức đấu nối) đến cơ quan quản lý và đơn vị điện lực địa phương theo mẫu quy định.\n\n"
            "Trường hợp hệ thống đấu nối với lưới điện quốc gia, phần sản lượng điện dư có thể được bán cho đơn vị điện lực "
            "trong giới hạn tỷ lệ so với công suất lắp đặt theo quy định, với giá mua do cơ quan có thẩm quyền công bố. Ông "
            "cần ký hợp đồng mua bán điện và lắp công tơ đo đếm phù hợp với Công ty Điện lực.\n\n"
            "Khi lắp đặt, ông nên thuê đơn vị có năng lực, bảo đảm an toàn kết cấu mái, an toàn điện và phòng cháy, chữa "
            "cháy; thiết bị phải có nguồn gốc rõ ràng, đáp ứng tiêu chuẩn kỹ thuật."
        ),
        name="Nguyễn Văn Lâm",
        show_name=True,
        area="quang-phu",
        days_ago=92,
        answer_working_days=5,
    ),
    DemoAnswer(
        category="cong-thuong",
        title="Khu dân cư ở phường Tĩnh Gia mất điện nhiều lần trong tuần những ngày nắng nóng",
        question=(
            "Khu dân cư chỗ tôi ở phường Tĩnh Gia từ đầu tháng đến nay tuần nào cũng mất điện 3–4 lần, có lần mất từ trưa "
            "đến tối mà không có thông báo trước. Trời nắng nóng trên 38 độ, người già, trẻ nhỏ rất vất vả, tủ lạnh hỏng "
            "thực phẩm. Đề nghị ngành điện giải thích và khắc phục."
        ),
        answer=(
            "Về vấn đề này, Sở Công Thương trả lời như sau:\n\n"
            "Sở Công Thương đã làm việc với Công ty Điện lực Thanh Hóa. Theo báo cáo, nguyên nhân chủ yếu là trạm biến áp "
            "cấp điện cho khu dân cư bị **quá tải** trong những ngày nắng nóng do nhu cầu sử dụng điều hòa tăng đột biến, "
            "dẫn đến sự cố nhảy aptomat tổng và cháy đầu cáp; các lần mất điện này là sự cố, không phải cắt điện theo kế "
            "hoạch.\n\n"
            "Ngành điện đã thực hiện các biện pháp:\n\n"
            "- Hoán đổi máy biến áp có công suất lớn hơn và san tải sang trạm lân cận;\n"
            "- Đưa việc xây dựng thêm một trạm biến áp chống quá tải cho khu vực vào kế hoạch đầu tư năm nay;\n"
            "- Tăng cường trực sự cố để rút ngắn thời gian khôi phục cấp điện.\n\n"
            "Theo **Luật Điện lực năm 2024**, trường hợp ngừng, giảm cung cấp điện theo kế hoạch, đơn vị điện lực phải thông "
            "báo trước cho khách hàng theo thời hạn quy định. Ông có thể đăng ký nhận thông báo lịch ngừng cấp điện qua tin "
            "nhắn hoặc ứng dụng chăm sóc khách hàng của ngành điện, và báo sự cố qua tổng đài chăm sóc khách hàng."
        ),
        name="Hoàng Văn Dũng",
        show_name=True,
        area="tinh-gia",
        days_ago=287,
        answer_working_days=6,
    ),
    # ------------------------------------------------------------------ Người có công
    DemoAnswer(
        category="nguoi-co-cong",
        title="Lập hồ sơ công nhận người hoạt động kháng chiến bị nhiễm chất độc hóa học",
        question=(
            "Bố tôi năm nay 76 tuổi, ở phường Bỉm Sơn, tham gia chiến đấu ở chiến trường miền Nam từ năm 1968 đến năm 1975, "
            "nay mắc nhiều bệnh, một người con của ông sinh ra bị dị tật. Gia đình muốn lập hồ sơ đề nghị công nhận người "
            "hoạt động kháng chiến bị nhiễm chất độc hóa học. Xin hướng dẫn thủ tục."
        ),
        answer=(
            "Về vấn đề này, Sở Nội vụ trả lời như sau:\n\n"
            "Theo **Pháp lệnh Ưu đãi người có công với cách mạng năm 2020** và Nghị định số 131/2021/NĐ-CP của Chính phủ, "
            "người hoạt động kháng chiến được xem xét công nhận bị nhiễm chất độc hóa học khi có thời gian hoạt động tại các "
            "địa bàn quân đội Mỹ đã sử dụng chất độc hóa học theo danh mục quy định, và mắc bệnh, tật thuộc danh mục bệnh liên "
            "quan đến phơi nhiễm chất độc hóa học hoặc sinh con bị dị dạng, dị tật theo quy định.\n\n"
            "Hồ sơ gồm:\n\n"
            "- Bản khai cá nhân theo mẫu;\n"
            "- Giấy tờ chứng minh thời gian hoạt động kháng chiến tại địa bàn (lý lịch quân nhân, quyết định phục viên, xuất "
            "ngũ hoặc giấy tờ tương đương);\n"
            "- Giấy tờ của cơ sở y tế về bệnh tật của ông và tình trạng dị tật của người con.\n\n"
            "Gia đình nộp hồ sơ tại Ủy ban nhân dân phường Bỉm Sơn. Ủy ban nhân dân phường kiểm tra, xác nhận và chuyển hồ sơ "
            "để giới thiệu giám định y khoa theo quy định; căn cứ kết quả giám định, cơ quan có thẩm quyền ra quyết định công "
            "nhận và trợ cấp. Người con bị dị dạng, dị tật cũng được xem xét hưởng chế độ ưu đãi theo quy định."
        ),
        name="Lê Văn Hòe",
        show_name=True,
        area="bim-son",
        days_ago=341,
        answer_working_days=10,
    ),
    DemoAnswer(
        category="nguoi-co-cong",
        title="Mẹ liệt sĩ mất, ai được nhận trợ cấp thờ cúng liệt sĩ?",
        question=(
            "Bác ruột tôi là liệt sĩ hy sinh năm 1972. Trước nay bà nội tôi là người thờ cúng và nhận trợ cấp, nhưng bà mới "
            "mất hồi đầu năm. Nay bố tôi là em trai liệt sĩ muốn tiếp tục thờ cúng thì phải làm thủ tục gì? Gia đình tôi ở "
            "xã Yên Định."
        ),
        answer=(
            "Về vấn đề này, Sở Nội vụ trả lời như sau:\n\n"
            "Theo **Pháp lệnh Ưu đãi người có công với cách mạng năm 2020** và Nghị định số 131/2021/NĐ-CP, người thờ cúng "
            "liệt sĩ được hưởng trợ cấp thờ cúng hằng năm. Khi người thờ cúng qua đời, việc thờ cúng được chuyển cho người "
            "khác theo thứ tự và thỏa thuận của thân nhân liệt sĩ.\n\n"
            "Trường hợp liệt sĩ không còn cha, mẹ, vợ, con, việc thờ cúng do người được các thành viên trong gia đình, họ tộc "
            "thống nhất cử ra. Hồ sơ gồm:\n\n"
            "- Văn bản ủy quyền hoặc biên bản thống nhất của gia đình, họ tộc về việc cử ông (bố của anh) làm người thờ cúng, "
            "có xác nhận của Ủy ban nhân dân cấp xã;\n"
            "- Bản sao Bằng Tổ quốc ghi công hoặc giấy tờ chứng minh liệt sĩ (nếu có).\n\n"
            "Hồ sơ nộp tại Ủy ban nhân dân xã Yên Định. Sau khi có quyết định, trợ cấp thờ cúng được chi trả cho người thờ "
            "cúng mới. Đồng thời, gia đình cần báo tử cho bà nội để cơ quan chi trả dừng các khoản trợ cấp của bà và giải "
            "quyết chế độ mai táng phí theo quy định."
        ),
        name="Trịnh Văn Kiên",
        show_name=False,
        area="yen-dinh",
        days_ago=131,
        answer_working_days=7,
    ),
    # ------------------------------------------------------------------ Bảo trợ xã hội, trẻ em
    DemoAnswer(
        category="bao-tro-xa-hoi",
        title="Bà nội nuôi cháu mồ côi cả cha lẫn mẹ được hỗ trợ những gì?",
        question=(
            "Con trai tôi mất vì tai nạn giao thông năm ngoái, con dâu tôi cũng mất vì bạo bệnh mấy tháng sau. Tôi 67 tuổi, "
            "ở phường Tĩnh Gia, đang nuôi hai cháu nội 5 tuổi và 9 tuổi. Xin hỏi các cháu có được nhà nước trợ cấp không, "
            "thủ tục làm ở đâu?"
        ),
        answer=(
            "Về vấn đề này, Sở Y tế trả lời như sau:\n\n"
            "Theo Nghị định số 20/2021/NĐ-CP của Chính phủ về chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội "
            "(đã được sửa đổi, bổ sung), trẻ em dưới 16 tuổi **mồ côi cả cha và mẹ** thuộc đối tượng được hưởng:\n\n"
            "- Trợ cấp xã hội hằng tháng, theo hệ số nhân với mức chuẩn trợ giúp xã hội (trẻ dưới 4 tuổi hưởng hệ số cao hơn);\n"
            "- Thẻ bảo hiểm y tế miễn phí;\n"
            "- Các chính sách hỗ trợ về giáo dục theo quy định.\n\n"
            "Ngoài ra, bà là người nhận chăm sóc, nuôi dưỡng các cháu tại cộng đồng nên được xem xét hỗ trợ kinh phí chăm "
            "sóc, nuôi dưỡng hằng tháng.\n\n"
            "Bà nộp tờ khai đề nghị trợ giúp xã hội cho từng cháu tại Ủy ban nhân dân phường Tĩnh Gia, kèm giấy tờ về việc "
            "bố mẹ các cháu đã mất (trích lục khai tử). Ủy ban nhân dân phường xem xét, niêm yết công khai và quyết định theo "
            "thẩm quyền; trợ cấp được tính từ tháng có quyết định. Cán bộ phụ trách lao động – xã hội của phường sẽ đến gia "
            "đình hỗ trợ bà lập hồ sơ nếu bà không tiện đi lại."
        ),
        name="Đỗ Thị Lương",
        show_name=False,
        area="tinh-gia",
        days_ago=109,
        answer_working_days=6,
    ),
    DemoAnswer(
        category="bao-tro-xa-hoi",
        title="Con bị khuyết tật vận động nặng, làm thủ tục nhận trợ cấp hằng tháng thế nào?",
        question=(
            "Con trai tôi 12 tuổi bị bại não từ nhỏ, không tự đi lại, ăn uống được. Gia đình ở xã Triệu Sơn, từ trước đến nay "
            "chưa làm giấy tờ gì cho cháu. Xin hỏi cháu có được trợ cấp không, cần làm những gì?"
        ),
        answer=(
            "Về vấn đề này, Sở Y tế trả lời như sau:\n\n"
            "Theo **Luật Người khuyết tật năm 2010** và Nghị định số 20/2021/NĐ-CP của Chính phủ, người khuyết tật nặng và "
            "đặc biệt nặng được hưởng trợ cấp xã hội hằng tháng và được cấp thẻ bảo hiểm y tế miễn phí; gia đình trực tiếp "
            "chăm sóc người khuyết tật đặc biệt nặng được hỗ trợ kinh phí chăm sóc theo quy định.\n\n"
            "Trình tự thực hiện gồm hai bước:\n\n"
            "- **Xác định mức độ khuyết tật:** chị nộp đơn đề nghị tại Ủy ban nhân dân xã Triệu Sơn. Hội đồng xác định mức độ "
            "khuyết tật của xã tổ chức đánh giá (có thể đánh giá tại nhà nếu cháu không đi lại được) và cấp Giấy xác nhận "
            "khuyết tật;\n"
            "- **Đề nghị trợ cấp:** chị nộp tờ khai đề nghị trợ giúp xã hội kèm Giấy xác nhận khuyết tật tại Ủy ban nhân dân "
            "xã để được xem xét, quyết định.\n\n"
            "Ngoài ra, cháu được ưu tiên trong các dịch vụ phục hồi chức năng, giáo dục hòa nhập. Chị có thể liên hệ trạm y "
            "tế xã để được hướng dẫn về phục hồi chức năng tại nhà."
        ),
        name="Vi Thị Hằng",
        show_name=False,
        area="trieu-son",
        days_ago=255,
        answer_working_days=5,
    ),
    # ------------------------------------------------------------------ Văn hóa, thể thao, du lịch
    DemoAnswer(
        category="van-hoa-du-lich",
        title="Nhà hàng hải sản ở Sầm Sơn tính giá cao hơn bảng giá, cân thiếu",
        question=(
            "Cuối tuần trước gia đình tôi 6 người từ Hà Nội về du lịch Sầm Sơn, ăn tại một nhà hàng hải sản trên đường ven "
            "biển. Hóa đơn 4,8 triệu đồng, nhiều món bị tính giá cao hơn bảng giá, 1 kg ghẹ cân lại ở quầy khác chỉ được "
            "khoảng 8 lạng. Tôi còn giữ hóa đơn và ảnh chụp. Đề nghị cơ quan chức năng xử lý."
        ),
        answer=(
            "Về vấn đề này, Sở Văn hóa, Thể thao và Du lịch trả lời như sau:\n\n"
            "Ngay khi nhận phản ánh kèm hóa đơn, hình ảnh do ông cung cấp, Sở đã phối hợp với Ủy ban nhân dân phường Sầm Sơn "
            "và lực lượng quản lý thị trường kiểm tra nhà hàng. Kết quả kiểm tra xác định nhà hàng không niêm yết giá đầy đủ "
            "đối với một số món, thu tiền cao hơn giá niêm yết và sử dụng cân không bảo đảm yêu cầu đo lường.\n\n"
            "Theo **Luật Giá năm 2023**, tổ chức, cá nhân kinh doanh phải niêm yết giá và bán đúng giá niêm yết. Cơ quan có "
            "thẩm quyền đã xử phạt vi phạm hành chính, tịch thu cân không đạt yêu cầu và buộc nhà hàng **hoàn trả cho gia "
            "đình ông khoản tiền thu chênh lệch**; nhà hàng đã liên hệ với ông để hoàn trả.\n\n"
            "Sở Văn hóa, Thể thao và Du lịch xin ghi nhận và cảm ơn ông đã phản ánh, góp phần xây dựng môi trường du lịch văn "
            "minh. Khi gặp sự việc tương tự, du khách có thể báo ngay qua đường dây nóng du lịch của tỉnh hoặc Ủy ban nhân dân "
            "phường để được xử lý tại chỗ."
        ),
        name="Nguyễn Thành Công",
        show_name=True,
        area="sam-son",
        days_ago=14,
        answer_working_days=3,
    ),
    DemoAnswer(
        category="van-hoa-du-lich",
        title="Điều kiện và thủ tục xin giấy phép kinh doanh karaoke",
        question=(
            "Tôi có căn nhà 3 tầng ở phường Bỉm Sơn, định cải tạo làm 6 phòng karaoke. Xin hỏi điều kiện về phòng hát, phòng "
            "cháy chữa cháy như thế nào, hồ sơ xin giấy phép nộp ở đâu và bao lâu thì có giấy phép?"
        ),
        answer=(
            "Về vấn đề này, Sở Văn hóa, Thể thao và Du lịch trả lời như sau:\n\n"
            "Theo Nghị định số 54/2019/NĐ-CP của Chính phủ quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường, cơ sở "
            "kinh doanh karaoke phải đáp ứng các điều kiện chính:\n\n"
            "- Là doanh nghiệp hoặc hộ kinh doanh đã đăng ký theo quy định;\n"
            "- Bảo đảm điều kiện về phòng cháy và chữa cháy;\n"
            "- Phòng hát có diện tích sử dụng từ 20 m² trở lên, không kể công trình phụ;\n"
            "- Không đặt chốt cửa bên trong phòng hát, không đặt thiết bị báo động (trừ thiết bị báo cháy nổ).\n\n"
            "Cơ sở còn phải bảo đảm cách âm, tiếng ồn không vượt quy chuẩn và **không hoạt động từ 0 giờ đến 8 giờ sáng**. Đối "
            "với nhà ở cải tạo thành cơ sở kinh doanh, ông cần chú ý yêu cầu về lối thoát nạn, vật liệu cách âm khó cháy "
            "theo hướng dẫn của cơ quan công an.\n\n"
            "Hồ sơ đề nghị cấp giấy phép gồm đơn theo mẫu và giấy tờ chứng minh đủ điều kiện phòng cháy, chữa cháy, nộp tại "
            "Trung tâm Phục vụ hành chính công phường Bỉm Sơn hoặc trực tuyến trên https://dichvucong.gov.vn; cơ quan tiếp "
            "nhận sẽ hướng dẫn cơ quan giải quyết theo phân cấp hiện hành. Thời hạn giải quyết là 05 ngày làm việc kể từ ngày "
            "nhận đủ hồ sơ hợp lệ và có thẩm định thực tế điều kiện kinh doanh."
        ),
        name="Đặng Văn Hiếu",
        show_name=True,
        area="bim-son",
        days_ago=243,
        answer_working_days=4,
    ),
    # ------------------------------------------------------------------ Góp ý dự thảo văn bản
    DemoAnswer(
        category="gop-y-van-ban",
        title="Góp ý dự thảo quy định về diện tích tối thiểu được tách thửa",
        question=(
            "Tôi đã đọc dự thảo quyết định của Ủy ban nhân dân tỉnh quy định điều kiện tách thửa, hợp thửa và diện tích tối "
            "thiểu được tách thửa đang lấy ý kiến. Tôi đề nghị: (1) quy định rõ chiều rộng lối đi tối thiểu khi tách thửa "
            "ở khu vực nông thôn; (2) có quy định riêng cho trường hợp chia đất cho con trong gia đình, vì nhiều thửa đất ở "
            "nông thôn rất khó đáp ứng diện tích tối thiểu."
        ),
        answer=(
            "Về vấn đề này, Sở Tư pháp trả lời như sau:\n\n"
            "Sở Tư pháp cảm ơn ông đã tham gia góp ý dự thảo. Theo **Luật Ban hành văn bản quy phạm pháp luật năm 2025**, ý "
            "kiến góp ý của tổ chức, cá nhân phải được cơ quan chủ trì soạn thảo nghiên cứu, tổng hợp, giải trình, tiếp thu. "
            "Sở Tư pháp đã chuyển ý kiến của ông đến Sở Nông nghiệp và Môi trường (cơ quan chủ trì soạn thảo) và nhận được ý "
            "kiến giải trình như sau:\n\n"
            "- Ý kiến (1) được **tiếp thu**: dự thảo sẽ bổ sung quy định chiều rộng tối thiểu của lối đi khi tách thửa tạo "
            "lối đi chung, phân biệt khu vực đô thị và nông thôn;\n"
            "- Ý kiến (2) được **tiếp thu một phần**: việc tách thửa phải tuân thủ nguyên tắc chung tại Điều 220 Luật Đất đai "
            "năm 2024; dự thảo sẽ làm rõ các trường hợp được tách thửa đồng thời với hợp thửa với thửa đất liền kề để bảo đảm "
            "diện tích tối thiểu, nhưng không quy định ngoại lệ riêng về diện tích cho trường hợp chia đất trong gia đình.\n\n"
            "Bản tổng hợp, giải trình, tiếp thu ý kiến góp ý sẽ được đăng tải công khai trên Cổng thông tin điện tử tỉnh "
            "https://thanhhoa.gov.vn cùng với hồ sơ dự thảo."
        ),
        name="Lê Minh Tuấn",
        show_name=True,
        area=None,
        days_ago=56,
        answer_working_days=7,
    ),
    # ------------------------------------------------------------------ Tổ chức bộ máy, cán bộ, công chức
    DemoAnswer(
        category="can-bo-cong-chuc",
        title="Người hoạt động không chuyên trách cấp xã nghỉ việc do sáp nhập được hưởng chế độ gì?",
        question=(
            "Tôi làm người hoạt động không chuyên trách ở xã cũ được 11 năm, có đóng bảo hiểm xã hội. Sau khi sáp nhập thành "
            "xã Nga Sơn, tôi được thông báo không bố trí công việc nữa. Xin hỏi tôi được hưởng những chế độ gì, ai chi trả "
            "và bao giờ được nhận?"
        ),
        answer=(
            "Về vấn đề này, Sở Nội vụ trả lời như sau:\n\n"
            "Khi thực hiện sắp xếp đơn vị hành chính và tổ chức chính quyền địa phương hai cấp, người hoạt động không chuyên "
            "trách ở cấp xã nghỉ việc do sắp xếp được xem xét hưởng chính sách theo quy định của Chính phủ về chế độ, chính "
            "sách đối với cán bộ, công chức, viên chức, người lao động trong thực hiện sắp xếp tổ chức bộ máy (Nghị định số "
            "178/2024/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 67/2025/NĐ-CP) và các nghị quyết của Hội đồng nhân dân "
            "tỉnh về hỗ trợ thêm từ ngân sách địa phương.\n\n"
            "Trình tự thực hiện như sau:\n\n"
            "- Ủy ban nhân dân xã Nga Sơn rà soát, lập danh sách người nghỉ việc và mức hưởng của từng người, gửi Sở Nội vụ "
            "thẩm định;\n"
            "- Sau khi có quyết định phê duyệt, kinh phí được cấp về xã để chi trả trực tiếp cho người hưởng.\n\n"
            "Về bảo hiểm xã hội, thời gian đóng của chị được bảo lưu; chị có thể tiếp tục tham gia bảo hiểm xã hội tự nguyện "
            "để đủ điều kiện hưởng lương hưu. Sở Nội vụ đã đề nghị Ủy ban nhân dân xã Nga Sơn thông báo cụ thể mức hưởng và "
            "thời gian chi trả cho chị; nếu có ý kiến về cách tính, chị có thể gửi đơn đến Ủy ban nhân dân xã hoặc Sở Nội vụ."
        ),
        name="Nguyễn Thị Hoài",
        show_name=False,
        area="nga-son",
        days_ago=148,
        answer_working_days=14,
    ),
    DemoAnswer(
        category="can-bo-cong-chuc",
        title="Tốt nghiệp cử nhân luật muốn thi công chức làm việc ở xã, theo dõi thông báo ở đâu?",
        question=(
            "Em tốt nghiệp cử nhân luật năm nay, quê ở xã Hoằng Hóa. Em muốn thi tuyển công chức làm việc tại Ủy ban nhân "
            "dân xã, phường. Xin hỏi sau khi không còn cấp huyện thì ai tổ chức tuyển dụng, điều kiện thế nào, và em có thể "
            "theo dõi thông báo ở đâu?"
        ),
        answer=(
            "Về vấn đề này, Sở Nội vụ trả lời như sau:\n\n"
            "Theo **Luật Cán bộ, công chức năm 2025**, công chức làm việc tại xã, phường được quản lý thống nhất với công chức "
            "của các cơ quan hành chính nhà nước; việc tuyển dụng thực hiện thông qua thi tuyển hoặc xét tuyển, căn cứ vị trí "
            "việc làm và chỉ tiêu biên chế được giao.\n\n"
            "Người đăng ký dự tuyển phải đáp ứng các điều kiện chung: có quốc tịch Việt Nam và cư trú tại Việt Nam; đủ 18 tuổi "
            "trở lên; có lý lịch rõ ràng, phẩm chất chính trị, đạo đức tốt; đủ sức khỏe; có văn bằng, chứng chỉ phù hợp với "
            "yêu cầu của vị trí việc làm. Ngành luật phù hợp với nhiều vị trí như tư pháp – hộ tịch, thanh tra, văn phòng.\n\n"
            "Kế hoạch tuyển dụng công chức làm việc tại xã, phường được cơ quan có thẩm quyền của tỉnh ban hành và thông báo "
            "công khai trên Cổng thông tin điện tử tỉnh https://thanhhoa.gov.vn, trang thông tin của Sở Nội vụ và tại trụ sở "
            "Ủy ban nhân dân các xã, phường. Em nên theo dõi thường xuyên để nộp phiếu đăng ký dự tuyển đúng thời hạn."
        ),
        name="Lê Thị Khánh Linh",
        show_name=True,
        area="hoang-hoa",
        days_ago=113,
        answer_working_days=5,
    ),
    # ------------------------------------------------------------------ Thái độ, hành vi của cán bộ
    DemoAnswer(
        category="thai-do-can-bo",
        title="Cán bộ một cửa phường yêu cầu giấy tờ không cần thiết và có thái độ thiếu tôn trọng",
        question=(
            "Sáng thứ Hai tuần trước tôi đến Trung tâm Phục vụ hành chính công phường Nam Sầm Sơn nộp hồ sơ. Cán bộ tiếp nhận "
            "yêu cầu tôi về xin giấy xác nhận cư trú, trong khi tôi đã mang theo giấy tờ tùy thân gắn chíp. Khi tôi hỏi lại thì cán bộ nói "
            "to, bảo tôi không biết thì đừng hỏi. Tôi đề nghị xem xét thái độ làm việc của cán bộ này."
        ),
        answer=(
            "Về vấn đề này, Thanh tra tỉnh trả lời như sau:\n\n"
            "Thanh tra tỉnh đã chuyển nội dung phản ánh đến Chủ tịch Ủy ban nhân dân phường Nam Sầm Sơn để kiểm tra, xác minh "
            "theo thẩm quyền. Qua trích xuất camera tại Trung tâm Phục vụ hành chính công và làm việc với các cá nhân liên "
            "quan, Ủy ban nhân dân phường xác định phản ánh của bà là **đúng**.\n\n"
            "Theo quy định hiện hành, cơ quan giải quyết thủ tục hành chính **không được yêu cầu** công dân nộp giấy tờ chứng "
            "minh nơi cư trú khi thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư và có thể khai thác qua thẻ căn cước "
            "hoặc tài khoản định danh điện tử. Luật Cán bộ, công chức cũng nghiêm cấm hành vi hách dịch, gây khó khăn cho "
            "người dân khi thi hành công vụ.\n\n"
            "Ủy ban nhân dân phường đã tổ chức kiểm điểm, phê bình cán bộ vi phạm, tạm thời bố trí làm công việc khác và chỉ "
            "đạo cán bộ này gửi lời xin lỗi đến bà. Hồ sơ của bà đã được tiếp nhận và giải quyết đúng hạn. Thanh tra tỉnh cảm "
            "ơn bà đã phản ánh và đề nghị bà tiếp tục thông tin khi phát hiện cán bộ có biểu hiện nhũng nhiễu, gây phiền hà."
        ),
        name="Lê Thị Hằng",
        show_name=False,
        area="nam-sam-son",
        days_ago=9,
        answer_working_days=6,
    ),
    # ------------------------------------------------------------------ Khoa học, công nghệ, chuyển đổi số
    DemoAnswer(
        category="khoa-hoc-cong-nghe",
        title="Bản vùng cao không có sóng điện thoại, học sinh không học trực tuyến được",
        question=(
            "Bản tôi thuộc một xã miền núi phía Tây của tỉnh, có hơn 80 hộ nhưng gần như không có sóng điện thoại, muốn gọi "
            "phải leo lên đồi. Học sinh không học trực tuyến được, người dân không dùng được ứng dụng VNeID để làm thủ tục. "
            "Đề nghị tỉnh có giải pháp phủ sóng."
        ),
        answer=(
            "Về vấn đề này, Sở Khoa học và Công nghệ trả lời như sau:\n\n"
            "Sở Khoa học và Công nghệ ghi nhận phản ánh của ông. Qua rà soát, bản của ông nằm trong danh sách các thôn, bản "
            "thuộc **vùng lõm sóng** thông tin di động của tỉnh. Sở đã làm việc với các doanh nghiệp viễn thông trên địa bàn "
            "về phương án phủ sóng.\n\n"
            "Theo kết quả làm việc:\n\n"
            "- Một doanh nghiệp viễn thông đã khảo sát và đưa vị trí lắp đặt trạm phát sóng di động (BTS) phục vụ bản vào kế "
            "hoạch đầu tư, sử dụng nguồn hỗ trợ của chương trình viễn thông công ích;\n"
            "- Ủy ban nhân dân xã có trách nhiệm hỗ trợ doanh nghiệp về mặt bằng đặt trạm và nguồn điện.\n\n"
            "Trong thời gian chờ đầu tư trạm, Sở đã đề nghị doanh nghiệp xem xét giải pháp tạm thời như lắp điểm truy cập "
            "Internet tại nhà văn hóa bản để học sinh và người dân sử dụng. Sở sẽ tiếp tục theo dõi và thông báo tiến độ đến "
            "Ủy ban nhân dân xã."
        ),
        name="Hà Văn Thượng",
        show_name=True,
        area=None,
        days_ago=208,
        answer_working_days=13,
    ),
    DemoAnswer(
        category="khoa-hoc-cong-nghe",
        title="Người cao tuổi không rành điện thoại thì ai hỗ trợ làm thủ tục trực tuyến?",
        question=(
            "Tôi năm nay 71 tuổi, ở phường Nguyệt Viên, các con đi làm xa. Tôi nghe nói bây giờ nhiều thủ tục phải làm trên "
            "điện thoại, tôi không biết dùng ứng dụng. Xin hỏi có nơi nào hỗ trợ người già không, có mất tiền không?"
        ),
        answer=(
            "Về vấn đề này, Sở Khoa học và Công nghệ trả lời như sau:\n\n"
            "Việc thực hiện thủ tục trực tuyến được khuyến khích nhưng **không bắt buộc**; ông vẫn có thể nộp hồ sơ trực tiếp "
            "tại Trung tâm Phục vụ hành chính công phường Nguyệt Viên, nơi có cán bộ và đoàn viên thanh niên hướng dẫn, hỗ trợ "
            "người dân thao tác trên thiết bị của trung tâm.\n\n"
            "Ngoài ra, tại mỗi tổ dân phố đều có **Tổ công nghệ số cộng đồng**, hỗ trợ miễn phí người dân:\n\n"
            "- Cài đặt, kích hoạt và sử dụng ứng dụng VNeID;\n"
            "- Tra cứu thông tin, nộp hồ sơ dịch vụ công trực tuyến;\n"
            "- Nhận diện và phòng tránh các thủ đoạn lừa đảo qua điện thoại, mạng xã hội.\n\n"
            "Ông có thể liên hệ tổ trưởng tổ dân phố để được giới thiệu thành viên tổ công nghệ số cộng đồng hỗ trợ tại nhà. "
            "Ông lưu ý không cung cấp mật khẩu, mã OTP cho bất kỳ ai, kể cả người tự xưng là cán bộ."
        ),
        name="Nguyễn Văn Dậu",
        show_name=True,
        area="nguyet-vien",
        days_ago=275,
        answer_working_days=3,
    ),
    # ------------------------------------------------------------------ Thủ tục hành chính, dịch vụ công trực tuyến
    DemoAnswer(
        category="thu-tuc-hanh-chinh",
        title="Có được nộp hồ sơ ở phường nơi làm việc thay vì về xã nơi thường trú không?",
        question=(
            "Tôi thường trú ở xã Hoằng Hóa nhưng làm việc ở phường Hàm Rồng, xin nghỉ để về xã rất khó. Tôi có thể nộp hồ sơ "
            "một số thủ tục tại Trung tâm Phục vụ hành chính công phường Hàm Rồng được không?"
        ),
        answer=(
            "Về vấn đề này, Văn phòng UBND tỉnh trả lời như sau:\n\n"
            "Thực hiện chủ trương của Chính phủ về cải cách thủ tục hành chính, tỉnh Thanh Hóa triển khai tiếp nhận, giải quyết "
            "thủ tục hành chính **không phụ thuộc vào địa giới hành chính** trong phạm vi tỉnh đối với các thủ tục thuộc danh "
            "mục đã được Chủ tịch Ủy ban nhân dân tỉnh công bố. Với các thủ tục này, chị có thể nộp hồ sơ tại Trung tâm Phục vụ "
            "hành chính công tỉnh hoặc Trung tâm Phục vụ hành chính công của bất kỳ xã, phường nào trong tỉnh, trong đó có "
            "phường Hàm Rồng; hồ sơ được chuyển đến cơ quan có thẩm quyền giải quyết và kết quả được trả tại nơi chị chọn.\n\n"
            "Danh mục thủ tục được công khai trên Cổng thông tin điện tử tỉnh https://thanhhoa.gov.vn và tại các Trung tâm "
            "Phục vụ hành chính công. Đối với thủ tục chưa thuộc danh mục, chị có thể nộp trực tuyến trên Cổng Dịch vụ công "
            "quốc gia https://dichvucong.gov.vn và nhận kết quả qua dịch vụ bưu chính công ích mà không phải về xã."
        ),
        name="Trần Thị Hoa",
        show_name=True,
        area="ham-rong",
        days_ago=126,
        answer_working_days=4,
    ),
    DemoAnswer(
        category="thu-tuc-hanh-chinh",
        title="Hồ sơ trên dịch vụ công đã quá hạn trả kết quả 10 ngày mà không ai thông báo",
        question=(
            "Tôi nộp hồ sơ đăng ký biến động đất đai trên Cổng Dịch vụ công, giấy hẹn trả kết quả đã qua 10 ngày nhưng trạng "
            "thái vẫn là đang xử lý, gọi điện lên xã Thọ Xuân thì được bảo chờ thêm. Xin hỏi hồ sơ quá hạn thì cơ quan giải "
            "quyết có trách nhiệm gì với người dân?"
        ),
        answer=(
            "Về vấn đề này, Văn phòng UBND tỉnh trả lời như sau:\n\n"
            "Theo quy định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính, đối với hồ sơ "
            "quá hạn giải quyết, cơ quan có thẩm quyền phải có **văn bản xin lỗi** tổ chức, cá nhân, nêu rõ lý do quá hạn và "
            "hẹn lại thời gian trả kết quả. Việc quá hạn cũng được hệ thống theo dõi và tính vào kết quả đánh giá chất lượng "
            "phục vụ của cơ quan.\n\n"
            "Văn phòng UBND tỉnh đã kiểm tra trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh: hồ sơ của ông bị "
            "chậm ở khâu xác minh thông tin thửa đất do cần đối chiếu hồ sơ địa chính lưu trữ của xã cũ trước khi sáp nhập. "
            "Ủy ban nhân dân xã Thọ Xuân đã gửi thư xin lỗi qua tài khoản dịch vụ công của ông và hẹn trả kết quả trong 05 "
            "ngày làm việc.\n\n"
            "Văn phòng UBND tỉnh đã đề nghị xã rút kinh nghiệm, chủ động thông báo cho người dân ngay khi hồ sơ có nguy cơ "
            "quá hạn. Nếu đến ngày hẹn mới vẫn chưa nhận được kết quả, đề nghị ông phản ánh lại trên Cổng này."
        ),
        name="Lê Văn Phong",
        show_name=True,
        area="tho-xuan",
        days_ago=5,
        answer_working_days=2,
    ),
    DemoAnswer(
        category="thu-tuc-hanh-chinh",
        title="Nhận kết quả thủ tục hành chính tại nhà qua bưu điện và thanh toán lệ phí trực tuyến",
        question=(
            "Tôi đi làm cả tuần, không có thời gian đến nhận kết quả. Xin hỏi khi nộp hồ sơ trực tuyến, tôi có thể đăng ký nhận "
            "kết quả qua bưu điện tại nhà ở phường Bỉm Sơn được không, chi phí thế nào? Lệ phí có thanh toán qua ngân hàng được "
            "không?"
        ),
        answer=(
            "Về vấn đề này, Văn phòng UBND tỉnh trả lời như sau:\n\n"
            "Khi nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia https://dichvucong.gov.vn, chị có thể lựa chọn hình thức "
            "**nhận kết quả qua dịch vụ bưu chính công ích**. Nhân viên bưu điện sẽ chuyển kết quả đến địa chỉ chị đăng ký; chị "
            "thanh toán cước dịch vụ bưu chính theo bảng giá được công khai khi nhận. Đối với các thủ tục cần nộp bản chính "
            "giấy tờ, chị cũng có thể sử dụng dịch vụ bưu chính để gửi hồ sơ.\n\n"
            "Phí, lệ phí giải quyết thủ tục hành chính có thể thanh toán trực tuyến qua nền tảng thanh toán của Cổng Dịch vụ "
            "công quốc gia, bằng tài khoản ngân hàng, ví điện tử hoặc ứng dụng ngân hàng di động. Một số thủ tục được giảm phí, "
            "lệ phí khi thực hiện trực tuyến theo quy định của Bộ Tài chính.\n\n"
            "Kết quả giải quyết thủ tục hành chính bản điện tử cũng được lưu trong kho dữ liệu cá nhân trên tài khoản của chị "
            "và có thể tái sử dụng khi làm các thủ tục khác."
        ),
        name="Đinh Thị Yến",
        show_name=False,
        area="bim-son",
        days_ago=196,
        answer_working_days=3,
    ),
    # ------------------------------------------------------------------ Vấn đề khác
    DemoAnswer(
        category="khac",
        title="Muốn khiếu nại quyết định xử phạt thì có gửi qua Cổng hỏi đáp này được không?",
        question=(
            "Tôi bị xử phạt vi phạm hành chính về xây dựng và không đồng ý với quyết định xử phạt. Xin hỏi tôi có thể gửi đơn "
            "khiếu nại qua Cổng hỏi đáp này không, nếu không thì gửi ở đâu và thời hạn khiếu nại là bao lâu?"
        ),
        answer=(
            "Về vấn đề này, Văn phòng UBND tỉnh trả lời như sau:\n\n"
            "Cổng này tiếp nhận câu hỏi, phản ánh, kiến nghị của người dân và doanh nghiệp về cơ chế, chính sách và thủ tục "
            "hành chính. **Khiếu nại, tố cáo** được giải quyết theo trình tự riêng quy định tại Luật Khiếu nại năm 2011 và "
            "Luật Tố cáo năm 2018, nên không được tiếp nhận và giải quyết qua Cổng này.\n\n"
            "Theo **Luật Khiếu nại năm 2011**, ông gửi đơn khiếu nại lần đầu đến **người đã ban hành quyết định xử phạt** (hoặc "
            "cơ quan có người đã ban hành quyết định). Thời hiệu khiếu nại là **90 ngày** kể từ ngày ông nhận được hoặc biết "
            "được quyết định. Đơn khiếu nại cần ghi rõ ngày, tháng, năm; họ tên, địa chỉ của người khiếu nại; nội dung, lý do "
            "khiếu nại và yêu cầu giải quyết, kèm các tài liệu liên quan.\n\n"
            "Ông cũng có quyền khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính. Nếu cần được "
            "hướng dẫn trực tiếp, ông có thể đến Ban Tiếp công dân tỉnh hoặc nơi tiếp công dân của Ủy ban nhân dân cấp xã."
        ),
        name="Trương Văn Tâm",
        show_name=False,
        area=None,
        days_ago=219,
        answer_working_days=4,
    ),
)
