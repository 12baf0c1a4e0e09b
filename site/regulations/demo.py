"""Demo seed: the library index under the home page and the regulations the demo course
rests on (idempotent). Summaries are the team's own words from the domain notes
(netralitas-asn.md §1.1–1.2), which come mostly from secondary sources: each page says so
and points to JDIH for the official text. No official PDFs are bundled.

`regulations_cited` lets the courses and quizzes seeds link their citations to these pages.
"""

import datetime as dt

from django.db.models import Q

from netra.home.models import HomePage

from . import rules
from .factories import RegulationIndexPageFactory, RegulationPageFactory
from .models import RegulationIndexPage, RegulationPage, RegulationType

INDEX = {
    "title": "Pustaka Regulasi",
    "slug": "pustaka-regulasi",
    "intro": (
        "Peraturan yang menjadi dasar materi Netra. Ringkasan disusun tim Netra untuk "
        "memudahkan membaca; yang mengikat adalah naskah resminya di JDIH."
    ),
}

CHECK_NOTE = (
    "<p><i>Ringkasan demo oleh tim Netra, bukan kutipan naskah. Periksa bunyi pasalnya di "
    "salinan resmi (JDIH) sebelum dikutip.</i></p>"
)

# Older regulations first: a relation names a regulation seeded before it.
REGULATIONS = [
    {
        "key": "uu-5-2014",
        "regulation_type": RegulationType.UU,
        "number": "5",
        "year": 2014,
        "title": "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
        "issuer": "DPR dan Presiden Republik Indonesia",
        "status": rules.DICABUT,
        "summary": (
            "<p>Undang-undang ASN sebelum 2023. Di sini netralitas sudah menjadi asas: "
            "pegawai ASN bebas dari pengaruh dan intervensi golongan atau partai politik, "
            "dan PNS yang menjadi anggota atau pengurus partai diberhentikan tidak dengan "
            "hormat. Pengawasannya dijalankan KASN. SKB netralitas 2022 masih merujuk "
            "undang-undang ini karena ditandatangani sebelum UU 20/2023 terbit.</p>"
        ),
        "aliases": ["UU 5/2014", "UU Nomor 5 Tahun 2014"],
    },
    {
        "key": "uu-20-2023",
        "regulation_type": RegulationType.UU,
        "number": "20",
        "year": 2023,
        "title": "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
        "issuer": "DPR dan Presiden Republik Indonesia",
        "effective_date": dt.date(2023, 10, 31),
        "summary": (
            "<p>Undang-undang ASN yang berlaku sekarang, menggantikan UU 5/2014.</p><ul>"
            "<li>Netralitas adalah salah satu asas manajemen ASN dan kewajiban setiap "
            "pegawai ASN.</li>"
            "<li>PNS maupun PPPK yang menjadi anggota atau pengurus partai politik "
            "diberhentikan tidak dengan hormat.</li>"
            "<li>ASN yang maju sebagai calon presiden, anggota legislatif, atau kepala daerah "
            "wajib mengundurkan diri sejak ditetapkan sebagai calon.</li>"
            "<li>KASN tidak lagi ada; fungsinya dialihkan (lihat Perpres 91/2024 dan "
            "92/2024).</li></ul>"
        ),
        "aliases": ["UU 20/2023", "UU Nomor 20 Tahun 2023"],
        "relations": [("uu-5-2014", rules.REVOKES, "")],
    },
    {
        "key": "pp-42-2004",
        "regulation_type": RegulationType.PP,
        "number": "42",
        "year": 2004,
        "title": "Peraturan Pemerintah Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan "
        "Kode Etik Pegawai Negeri Sipil",
        "issuer": "Presiden Republik Indonesia",
        "summary": (
            "<p>Kode etik PNS, termasuk menghindari konflik kepentingan pribadi, kelompok, "
            "atau golongan. Pelanggaran kode etik dikenai <b>sanksi moral</b> tertulis dari "
            "Pejabat Pembina Kepegawaian, berupa pernyataan tertutup atau terbuka, dan atas "
            "rekomendasi Majelis Kode Etik dapat ditambah tindakan administratif.</p>"
        ),
        "aliases": ["PP 42/2004", "PP Nomor 42 Tahun 2004"],
    },
    {
        "key": "pp-11-2017",
        "regulation_type": RegulationType.PP,
        "number": "11",
        "year": 2017,
        "title": "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil",
        "issuer": "Presiden Republik Indonesia",
        "status": rules.DIUBAH,
        "summary": (
            "<p>Manajemen PNS. Untuk netralitas, yang penting adalah aturan pemberhentian: "
            "PNS tidak boleh menjadi anggota atau pengurus partai politik. Yang menjadi "
            "anggota wajib mengundurkan diri secara tertulis; bila tidak, ia diberhentikan "
            "tidak dengan hormat.</p>"
        ),
        "aliases": ["PP 11/2017", "PP Nomor 11 Tahun 2017"],
    },
    {
        "key": "pp-17-2020",
        "regulation_type": RegulationType.PP,
        "number": "17",
        "year": 2020,
        "title": "Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Perubahan atas Peraturan "
        "Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil",
        "issuer": "Presiden Republik Indonesia",
        "summary": (
            "<p>Mengubah sebagian PP 11/2017. Keduanya dibaca bersama (PP 11/2017 jo. "
            "PP 17/2020), termasuk aturan pemberhentian PNS yang menjadi anggota partai "
            "politik.</p>"
        ),
        "aliases": ["PP 17/2020", "PP Nomor 17 Tahun 2020"],
        "relations": [("pp-11-2017", rules.AMENDS, "sebagian")],
    },
    {
        "key": "pp-49-2018",
        "regulation_type": RegulationType.PP,
        "number": "49",
        "year": 2018,
        "title": "Peraturan Pemerintah Nomor 49 Tahun 2018 tentang Manajemen Pegawai Pemerintah "
        "dengan Perjanjian Kerja",
        "issuer": "Presiden Republik Indonesia",
        "summary": (
            "<p>Manajemen PPPK, termasuk sanksi bagi PPPK yang melanggar netralitas. PPPK "
            "yang menjadi anggota partai politik diputus hubungan perjanjian kerjanya tidak "
            "dengan hormat. BKN menyebutnya bersama PP 94/2021 sebagai dasar sanksi.</p>"
        ),
        "aliases": ["PP 49/2018", "PP Nomor 49 Tahun 2018"],
    },
    {
        "key": "pp-94-2021",
        "regulation_type": RegulationType.PP,
        "number": "94",
        "year": 2021,
        "title": "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
        "issuer": "Presiden Republik Indonesia",
        "effective_date": dt.date(2021, 8, 31),
        "summary": (
            "<p>Aturan disiplin PNS, berlaku juga bagi CPNS. Pasal 5 huruf n memuat tujuh "
            "bentuk dukungan kepada calon yang dilarang. Hukuman disiplin bertingkat ringan, "
            "sedang, dan berat; pelanggaran netralitas dihukum sedang atau berat, tidak "
            "pernah ringan. Menggantikan PP 53/2010.</p>"
        ),
        "aliases": ["PP 94/2021", "PP Nomor 94 Tahun 2021"],
    },
    {
        "key": "uu-10-2016",
        "regulation_type": RegulationType.UU,
        "number": "10",
        "year": 2016,
        "title": "Undang-Undang Nomor 10 Tahun 2016 tentang Pemilihan Gubernur, Bupati, dan "
        "Wali Kota (UU Pilkada)",
        "issuer": "DPR dan Presiden Republik Indonesia",
        "status": rules.DIUBAH,
        "summary": (
            "<p>UU Pilkada, sebagaimana diubah dengan UU 6/2020. Pejabat ASN, bersama "
            "pejabat negara dan daerah, TNI/Polri, serta kepala desa atau lurah, dilarang "
            "membuat keputusan atau tindakan yang menguntungkan atau merugikan calon; "
            "pelanggarnya diancam pidana penjara dan/atau denda. ASN yang maju sebagai "
            "calon menyatakan pengunduran diri secara tertulis sejak ditetapkan sebagai "
            "pasangan calon.</p>"
        ),
        "aliases": ["UU 10/2016", "UU Nomor 10 Tahun 2016"],
    },
    {
        "key": "uu-7-2017",
        "regulation_type": RegulationType.UU,
        "number": "7",
        "year": 2017,
        "title": "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum",
        "issuer": "DPR dan Presiden Republik Indonesia",
        "summary": (
            "<p>UU Pemilu (presiden, DPR, DPD, DPRD). Tim kampanye dilarang melibatkan ASN, "
            "dan ASN dilarang menjadi pelaksana atau anggota tim kampanye; pelanggarnya "
            "diancam kurungan paling lama satu tahun dan denda. ASN juga dilarang mengadakan "
            "kegiatan yang menunjukkan keberpihakan sebelum, selama, dan sesudah masa "
            "kampanye, termasuk ajakan, imbauan, dan pemberian barang.</p>"
        ),
        "aliases": ["UU 7/2017", "UU Nomor 7 Tahun 2017"],
    },
    {
        "key": "skb-2020",
        "regulation_type": RegulationType.SKB,
        "number": "05",
        "year": 2020,
        "short_name": "SKB Netralitas ASN 2020",
        "title": "Keputusan Bersama MenPAN-RB, Mendagri, Kepala BKN, Ketua KASN, dan Ketua "
        "Bawaslu Tahun 2020 tentang Pedoman Pengawasan Netralitas Pegawai ASN dalam "
        "Penyelenggaraan Pemilihan Serentak 2020",
        "issuer": "MenPAN-RB (No. 05/2020), Mendagri, Kepala BKN, Ketua KASN, Ketua Bawaslu",
        "effective_date": dt.date(2020, 9, 10),
        "summary": (
            "<p>Pedoman netralitas untuk Pilkada 2020, pendahulu SKB 2022. Sudah melarang "
            "menyukai, membagikan, dan mengomentari unggahan calon, berfoto bersama calon, "
            "dan menghadiri deklarasi, serta memperkenalkan pemblokiran data kepegawaian "
            "ASN yang sanksinya tidak dijalankan.</p>"
        ),
        "aliases": ["SKB 2020", "SKB Netralitas ASN 2020"],
    },
    {
        "key": "skb-2022",
        "regulation_type": RegulationType.SKB,
        "number": "2",
        "year": 2022,
        "short_name": "SKB Netralitas ASN 2022",
        "title": "Keputusan Bersama MenPAN-RB, Mendagri, Kepala BKN, Ketua KASN, dan Ketua "
        "Bawaslu Tahun 2022 tentang Pedoman Pembinaan dan Pengawasan Netralitas Pegawai ASN "
        "dalam Penyelenggaraan Pemilihan Umum dan Pemilihan",
        "issuer": (
            "MenPAN-RB (No. 2/2022), Mendagri (No. 800-5474/2022), Kepala BKN (No. 246/2022), "
            "Ketua KASN (No. 30/2022), Ketua Bawaslu (No. 1447.1/PM.01/K.1/09/2022)"
        ),
        "effective_date": dt.date(2022, 9, 22),
        "summary": (
            "<p>Pedoman kerja netralitas untuk Pemilu dan Pilkada 2024, berlaku bagi PNS dan "
            "PPPK di semua instansi pusat dan daerah. Lampirannya mendaftar perbuatan yang "
            "dilarang beserta sanksinya, sebagian sebagai pelanggaran kode etik dan sebagian "
            "sebagai pelanggaran disiplin.</p>"
        ),
        "aliases": [
            "SKB 2022",
            "SKB Netralitas ASN 2022",
            "Keputusan Bersama MenPAN-RB, Mendagri, Kepala BKN, Ketua KASN, dan Ketua Bawaslu "
            "Tahun 2022",
        ],
        "relations": [("skb-2020", rules.REVOKES, "digantikan sebagai pedoman")],
    },
    {
        "key": "se-menpanrb-01-2023",
        "regulation_type": RegulationType.SE,
        "number": "01",
        "year": 2023,
        "short_name": "SE MenPAN-RB 01/2023",
        "title": "Surat Edaran MenPAN-RB Nomor 01 Tahun 2023 tentang Pedoman Pembinaan dan "
        "Pengawasan Netralitas Pegawai Pemerintah Non-Pegawai Negeri (PPNPN)",
        "issuer": "Menteri PANRB",
        "effective_date": dt.date(2023, 1, 3),
        "summary": (
            "<p>Memperluas kewajiban netral kepada pegawai non-ASN (PTT, tenaga honorer, dan "
            "lainnya yang dibayar dari APBN/APBD). Bentuk pelanggarannya mengikuti ASN; "
            "sanksinya bertingkat sampai pemutusan hubungan kerja sesuai kontrak tahunan. "
            "PPK dan pejabat yang berwenang wajib membina dan mengawasi mereka.</p>"
        ),
        "aliases": ["SE MenPAN-RB Nomor 01 Tahun 2023", "SE MenPAN-RB 01/2023"],
    },
    {
        "key": "perbkn-1-2023",
        "regulation_type": RegulationType.PERATURAN_BKN,
        "number": "1",
        "year": 2023,
        "title": "Peraturan Badan Kepegawaian Negara Nomor 1 Tahun 2023 tentang Pemblokiran Data "
        "Kepegawaian dan/atau Layanan Kepegawaian pada SIASN",
        "issuer": "Kepala BKN",
        "effective_date": dt.date(2023, 1, 10),
        "summary": (
            "<p>Dasar pemblokiran data dan layanan kepegawaian seorang ASN di SIASN. Dipakai "
            "sebagai alat penegakan bila Pejabat Pembina Kepegawaian tidak menindaklanjuti "
            "rekomendasi atas pelanggaran netralitas.</p>"
        ),
        "aliases": ["Peraturan BKN Nomor 1 Tahun 2023", "Peraturan BKN 1/2023"],
    },
    {
        "key": "perpres-91-2024",
        "regulation_type": RegulationType.PERPRES,
        "number": "91",
        "year": 2024,
        "title": "Peraturan Presiden Nomor 91 Tahun 2024 tentang Perubahan atas Peraturan "
        "Presiden Nomor 47 Tahun 2021 tentang Kementerian Pendayagunaan Aparatur Negara dan "
        "Reformasi Birokrasi",
        "issuer": "Presiden Republik Indonesia",
        "summary": (
            "<p>Setelah KASN dibubarkan, KemenPANRB menetapkan <b>kebijakan</b> pengawasan "
            "sistem merit melalui Deputi SDM Aparatur.</p>"
        ),
        "aliases": ["Perpres 91/2024", "Perpres Nomor 91 Tahun 2024"],
    },
    {
        "key": "perpres-92-2024",
        "regulation_type": RegulationType.PERPRES,
        "number": "92",
        "year": 2024,
        "title": "Peraturan Presiden Nomor 92 Tahun 2024 tentang Badan Kepegawaian Negara",
        "issuer": "Presiden Republik Indonesia",
        "summary": (
            "<p>BKN <b>menjalankan</b> pengawasan yang dulu dipegang KASN: norma dasar, kode "
            "etik dan kode perilaku ASN, penerapan sistem merit, dan menjaga netralitas "
            "ASN.</p>"
        ),
        "aliases": ["Perpres 92/2024", "Perpres Nomor 92 Tahun 2024"],
    },
    {
        "key": "se-menpanrb-4-2024",
        "regulation_type": RegulationType.SE,
        "number": "4",
        "year": 2024,
        "short_name": "SE MenPAN-RB 4/2024",
        "title": "Surat Edaran MenPAN-RB Nomor 4 Tahun 2024 tentang Pengalihan Pelaksanaan "
        "Pengawasan Sistem Merit dalam Manajemen ASN",
        "issuer": "Menteri PANRB",
        "effective_date": dt.date(2024, 9, 4),
        "summary": (
            "<p>Mengatur peralihan dari KASN: berkas yang sudah diproses KASN dilaporkan ke "
            "MenPAN-RB, sedangkan laporan baru dan yang belum diproses ditujukan ke Kepala "
            "BKN. Sejak akhir Agustus 2024 Bawaslu meneruskan temuan netralitas ASN ke BKN. "
            "Putusan MK 121/PUU-XXII/2024 memerintahkan lembaga pengawas independen dalam "
            "dua tahun, jadi alur ini akan berubah lagi.</p>"
        ),
        "aliases": ["SE MenPAN-RB 4/2024", "SE MenPAN-RB Nomor 4 Tahun 2024"],
    },
]


def _identity(entry) -> Q:
    return Q(regulation_type=entry["regulation_type"], number=entry["number"], year=entry["year"])


def library_index() -> RegulationIndexPage:
    """The library index under the home page, created when missing."""
    home = HomePage.objects.get()
    index = RegulationIndexPage.objects.descendant_of(home).first()
    return index or RegulationIndexPageFactory(parent=home, **INDEX)


def seed(*, stdout):
    index = library_index()
    created = 0
    by_key: dict[str, RegulationPage] = {}
    for entry in REGULATIONS:
        page = RegulationPage.objects.filter(_identity(entry)).first()
        if page is None:
            fields = {k: v for k, v in entry.items() if k not in ("key", "aliases", "relations")}
            fields["summary"] = fields["summary"] + CHECK_NOTE
            relations = [
                (by_key[target], kind, note)
                for target, kind, note in entry.get("relations", ())
                if target in by_key
            ]
            page = RegulationPageFactory(
                parent=index, slug=entry["key"], relations=relations, **fields
            )
            created += 1
        by_key[entry["key"]] = page
    stdout.write(f"  regulation library with {len(by_key)} regulations ({created} new)")


def regulations_cited(texts) -> list[RegulationPage]:
    """The live demo regulations named in citation `texts` (by the aliases above), in the
    order first cited, for the courses and quizzes seeds."""
    keys = []
    for text in texts:
        for entry in REGULATIONS:
            if entry["key"] not in keys and any(alias in text for alias in entry["aliases"]):
                keys.append(entry["key"])
    entries = [e for e in REGULATIONS if e["key"] in keys]
    if not entries:
        return []
    query = Q()
    for entry in entries:
        query |= _identity(entry)
    found = {
        (p.regulation_type, p.number, p.year): p
        for p in RegulationPage.objects.live().filter(query)
    }
    pages = []
    for key in keys:
        entry = next(e for e in REGULATIONS if e["key"] == key)
        page = found.get((entry["regulation_type"], entry["number"], entry["year"]))
        if page is not None:
            pages.append(page)
    return pages
