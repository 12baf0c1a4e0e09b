"""The demo pact's text, written from the four standard commitments used in regional pacts
of 2020-2024 (see ../shared/domain/netralitas-asn.md, section 2). Plain text: it is hashed,
printed and compared clause by clause."""

PACT = {
    "title": "Pakta Integritas Netralitas ASN — Pemilihan Serentak Tahun 2024",
    "slug": "netralitas-pilkada-2024",
    "preamble": "Yang bertanda tangan di bawah ini:",
    "commitment_intro": (
        "dengan ini menyatakan dengan sungguh-sungguh bahwa dalam penyelenggaraan Pemilihan "
        "Gubernur, Bupati, dan Wali Kota Serentak Tahun 2024, saya akan:"
    ),
    "clauses": [
        "Menjaga dan menegakkan prinsip netralitas Aparatur Sipil Negara dalam melaksanakan "
        "fungsi pelayanan publik, baik sebelum, selama, maupun sesudah pemilihan, di "
        "lingkungan instansi tempat saya bekerja.",
        "Menghindari konflik kepentingan, tidak melakukan intimidasi atau ancaman kepada "
        "sesama pegawai maupun masyarakat, dan tidak memihak kepada pasangan calon mana pun.",
        "Menggunakan media sosial secara bijak: tidak mengunggah, menyukai, mengomentari, "
        "membagikan, atau mengikuti konten untuk kepentingan pasangan calon mana pun, serta "
        "tidak menyebarkan ujaran kebencian maupun berita bohong.",
        "Menolak politik uang dan segala bentuk pemberian dalam bentuk apa pun yang "
        "berkaitan dengan pemilihan.",
    ],
    "closing": (
        "Apabila saya melanggar pakta integritas ini, saya bersedia menerima sanksi sesuai "
        "dengan ketentuan peraturan perundang-undangan, termasuk hukuman disiplin menurut "
        "PP Nomor 94 Tahun 2021 dan sanksi etik menurut PP Nomor 42 Tahun 2004."
    ),
    "consent_text": (
        "Saya telah membaca dan memahami seluruh isi pakta integritas ini dan menandatanganinya "
        "dengan sadar, tanpa paksaan dari pihak mana pun."
    ),
}
