"""Static data for the synthetic demo loader (``tracker.demo.generator``).

Places are real (governorates / first-level divisions with approximate centroids, towns with
GeoNames coordinates); everything about people and outlets is invented. Arabic templates use
``[[m|f]]`` for a verb agreeing with the victim(s) placed after it, or ``[[m|f|m2|f2|mp|fp]]``
where singular, dual and plural differ (pronoun suffixes, verbs after the subject).
"""

# fmt: off

# --- countries ------------------------------------------------------------------------------
# code -> Arabic and English name, share of incidents, scenario profile, name region,
# centre (lat, lon), the word for a first-level division, and per-year weights 2015..2025.
COUNTRIES = {
    "YE": {"ar": "اليمن", "en": "Yemen", "weight": 30, "profile": "yemen", "names": "yemen",
           "centre": (15.55, 47.55), "term": ("محافظة", "governorate"),
           "years": (14, 12, 10, 10, 9, 9, 8, 8, 7, 7, 7)},
    "SY": {"ar": "سوريا", "en": "Syria", "weight": 12, "profile": "conflict", "names": "levant",
           "centre": (35.0, 38.5), "term": ("محافظة", "governorate"),
           "years": (16, 14, 12, 10, 9, 8, 6, 5, 5, 5, 10)},
    "PS": {"ar": "فلسطين", "en": "Palestine", "weight": 11, "profile": "occupation", "names": "levant",
           "centre": (31.95, 35.2), "term": ("محافظة", "governorate"),
           "years": (6, 5, 4, 5, 5, 4, 7, 5, 16, 22, 12)},
    "IQ": {"ar": "العراق", "en": "Iraq", "weight": 7, "profile": "iraq", "names": "iraq",
           "centre": (33.2, 43.7), "term": ("محافظة", "governorate"),
           "years": (10, 9, 8, 8, 16, 12, 10, 8, 7, 6, 6)},
    "LY": {"ar": "ليبيا", "en": "Libya", "weight": 6, "profile": "conflict", "names": "maghreb",
           "centre": (27.0, 17.5), "term": ("شعبية", "district"),
           "years": (12, 9, 8, 8, 12, 10, 8, 8, 8, 8, 9)},
    "SD": {"ar": "السودان", "en": "Sudan", "weight": 6, "profile": "conflict", "names": "nile",
           "centre": (15.5, 30.0), "term": ("ولاية", "state"),
           "years": (5, 5, 5, 7, 12, 6, 8, 6, 18, 16, 12)},
    "EG": {"ar": "مصر", "en": "Egypt", "weight": 7, "profile": "egypt", "names": "nile",
           "centre": (26.8, 30.8), "term": ("محافظة", "governorate"),
           "years": (12, 11, 12, 11, 10, 9, 8, 7, 7, 7, 6)},
    "LB": {"ar": "لبنان", "en": "Lebanon", "weight": 4, "profile": "levant", "names": "levant",
           "centre": (33.9, 35.9), "term": ("محافظة", "governorate"),
           "years": (5, 4, 4, 4, 8, 10, 8, 6, 12, 20, 8)},
    "OM": {"ar": "سلطنة عُمان", "en": "Oman", "weight": 3, "profile": "gulf", "names": "gulf",
           "centre": (21.0, 57.0), "term": ("محافظة", "governorate"), "years": None},
    "SA": {"ar": "السعودية", "en": "Saudi Arabia", "weight": 3, "profile": "gulf", "names": "gulf",
           "centre": (24.0, 45.0), "term": ("منطقة", "region"), "years": None},
    "AE": {"ar": "الإمارات", "en": "the UAE", "weight": 2, "profile": "gulf", "names": "gulf",
           "centre": (23.9, 54.3), "term": ("إمارة", "emirate"), "years": None},
    "JO": {"ar": "الأردن", "en": "Jordan", "weight": 1.5, "profile": "maghreb", "names": "levant",
           "centre": (31.2, 36.5), "term": ("محافظة", "governorate"), "years": None},
    "BH": {"ar": "البحرين", "en": "Bahrain", "weight": 1.5, "profile": "gulf", "names": "gulf",
           "centre": (26.07, 50.55), "term": ("محافظة", "governorate"), "years": None},
    "KW": {"ar": "الكويت", "en": "Kuwait", "weight": 1, "profile": "gulf", "names": "gulf",
           "centre": (29.3, 47.6), "term": ("محافظة", "governorate"), "years": None},
    "QA": {"ar": "قطر", "en": "Qatar", "weight": 0.6, "profile": "gulf", "names": "gulf",
           "centre": (25.3, 51.2), "term": ("بلدية", "municipality"), "years": None},
    "TN": {"ar": "تونس", "en": "Tunisia", "weight": 1.5, "profile": "maghreb", "names": "maghreb",
           "centre": (34.0, 9.5), "term": ("ولاية", "governorate"), "years": None},
    "DZ": {"ar": "الجزائر", "en": "Algeria", "weight": 1.2, "profile": "maghreb", "names": "maghreb",
           "centre": (28.0, 2.6), "term": ("ولاية", "province"), "years": None},
    "MA": {"ar": "المغرب", "en": "Morocco", "weight": 1.2, "profile": "maghreb", "names": "maghreb",
           "centre": (31.8, -6.9), "term": ("جهة", "region"), "years": None},
}

# First-level divisions whose name already says what they are (no "محافظة"/"governorate").
BARE_ADMIN1 = ("أمانة العاصمة", "المنطقة الشرقية", "المحافظة الشمالية", "المحافظة الجنوبية",
               "الولاية الشمالية")

# --- places -------------------------------------------------------------------------------
# country -> [(admin1 ar, admin1 en, lat, lon, weight, [(locality ar, en, lat, lon, admin2 ar)])]
PLACES = {
    "YE": [
        ("أمانة العاصمة", "Amanat al-Asimah", 15.37, 44.21, 14, [
            ("صنعاء", "Sanaa", 15.3545, 44.2065, None)]),
        ("صنعاء", "Sanaa", 15.40, 44.30, 3, [("سيان", "Sayyan", 15.1718, 44.3244, None)]),
        ("عدن", "Aden", 12.83, 44.96, 12, [
            ("عدن", "Aden", 12.7796, 45.0385, None),
            ("كريتر", "Crater", 12.7750, 45.0350, "مديرية صيرة"),
            ("المعلا", "Al Mualla", 12.7899, 45.0024, "مديرية المعلا"),
            ("التواهي", "At Tawahi", 12.7850, 44.9700, "مديرية التواهي"),
            ("خور مكسر", "Khor Maksar", 12.8150, 45.0300, "مديرية خور مكسر"),
            ("الشيخ عثمان", "Sheikh Othman", 12.8700, 44.9900, "مديرية الشيخ عثمان"),
            ("المنصورة", "Al Mansoura", 12.8550, 44.9750, "مديرية المنصورة")]),
        ("تعز", "Taiz", 13.40, 43.85, 12, [
            ("تعز", "Taiz", 13.5795, 44.0209, None),
            ("التربة", "At Turbah", 13.2127, 44.1242, "مديرية الشمايتين"),
            ("المخا", "Mocha", 13.3181, 43.2499, "مديرية المخا")]),
        ("مأرب", "Marib", 15.50, 45.55, 8, [
            ("مأرب", "Marib", 15.4625, 45.3258, "مديرية مدينة مأرب"),
            ("صرواح", "Sirwah", 15.4493, 45.0189, "مديرية صرواح")]),
        ("الحديدة", "Al Hudaydah", 14.85, 43.15, 8, [
            ("الحديدة", "Al Hudaydah", 14.7978, 42.9545, None),
            ("زبيد", "Zabid", 14.1951, 43.3152, "مديرية زبيد"),
            ("باجل", "Bajil", 15.0590, 43.2873, "مديرية باجل"),
            ("بيت الفقيه", "Bayt al-Faqih", 14.5164, 43.3245, "مديرية بيت الفقيه")]),
        ("حضرموت", "Hadramawt", 16.40, 49.20, 7, [
            ("المكلا", "Mukalla", 14.5425, 49.1242, "مديرية المكلا"),
            ("سيئون", "Seiyun", 15.9430, 48.7873, "مديرية سيئون"),
            ("تريم", "Tarim", 16.0569, 48.9989, "مديرية تريم"),
            ("الشحر", "Ash Shihr", 14.7603, 49.6054, "مديرية الشحر"),
            ("شبام", "Shibam", 15.9269, 48.6267, "مديرية شبام")]),
        ("إب", "Ibb", 14.05, 44.20, 6, [
            ("إب", "Ibb", 13.9667, 44.1833, None),
            ("يريم", "Yarim", 14.2980, 44.3780, "مديرية يريم"),
            ("ذي السفال", "Dhi as-Sufal", 13.8345, 44.1147, "مديرية ذي السفال")]),
        ("ذمار", "Dhamar", 14.60, 44.15, 4, [("ذمار", "Dhamar", 14.5427, 44.4051, None)]),
        ("الضالع", "Ad Dali", 13.80, 44.70, 3, [("الضالع", "Ad Dali", 13.6957, 44.7314, None)]),
        ("لحج", "Lahij", 13.30, 44.55, 3, [("الحوطة", "Al Hawtah", 13.0567, 44.8819, "مديرية الحوطة")]),
        ("أبين", "Abyan", 13.65, 45.85, 4, [
            ("زنجبار", "Zinjibar", 13.1287, 45.3807, "مديرية زنجبار"),
            ("جعار", "Jaar", 13.2230, 45.3056, "مديرية خنفر")]),
        ("شبوة", "Shabwah", 14.75, 46.95, 4, [("عتق", "Ataq", 14.5377, 46.8319, "مديرية عتق")]),
        ("المهرة", "Al Mahrah", 16.90, 51.40, 2, [("الغيضة", "Al Ghaydah", 16.2079, 52.1760, None)]),
        ("الجوف", "Al Jawf", 16.70, 45.30, 2, [("الحزم", "Al Hazm", 16.1641, 44.7769, None)]),
        ("صعدة", "Saada", 17.00, 43.90, 3, [("صعدة", "Saada", 16.9402, 43.7639, None)]),
        ("حجة", "Hajjah", 16.00, 43.35, 3, [
            ("حجة", "Hajjah", 15.6943, 43.6058, None),
            ("ميدي", "Midi", 16.3210, 42.8130, "مديرية ميدي")]),
        ("عمران", "Amran", 16.00, 43.90, 3, [("عمران", "Amran", 15.6594, 43.9439, None)]),
        ("المحويت", "Al Mahwit", 15.40, 43.55, 1, [("المحويت", "Al Mahwit", 15.4701, 43.5448, None)]),
        ("ريمة", "Raymah", 14.65, 43.65, 1, [("الجبين", "Al Jabin", 14.7039, 43.5992, None)]),
        ("البيضاء", "Al Bayda", 14.25, 45.30, 3, [
            ("البيضاء", "Al Bayda", 13.9852, 45.5727, None),
            ("رداع", "Rada'a", 14.4151, 44.8371, "مديرية رداع")]),
        ("أرخبيل سقطرى", "Socotra", 12.50, 53.85, 1, [("حديبو", "Hadibu", 12.6488, 54.0190, None)]),
    ],
    "SY": [
        ("دمشق", "Damascus", 33.51, 36.29, 8, [
            ("دمشق", "Damascus", 33.5102, 36.2913, None),
            ("مخيم اليرموك", "Yarmouk camp", 33.4699, 36.3018, None)]),
        ("ريف دمشق", "Rif Dimashq", 33.55, 36.75, 10, [
            ("دوما", "Douma", 33.5718, 36.4027, "منطقة دوما"),
            ("داريا", "Darayya", 33.4584, 36.2326, "منطقة داريا"),
            ("جرمانا", "Jaramana", 33.4862, 36.3461, None)]),
        ("حلب", "Aleppo", 36.25, 37.45, 14, [
            ("حلب", "Aleppo", 36.2012, 37.1612, "منطقة جبل سمعان"),
            ("الباب", "Al-Bab", 36.3705, 37.5157, "منطقة الباب"),
            ("منبج", "Manbij", 36.5282, 37.9550, "منطقة منبج"),
            ("أعزاز", "Azaz", 36.5866, 37.0463, "منطقة أعزاز")]),
        ("حمص", "Homs", 34.50, 37.90, 7, [
            ("حمص", "Homs", 34.7241, 36.7256, None),
            ("تدمر", "Palmyra", 34.5624, 38.2840, "منطقة تدمر"),
            ("الرستن", "Ar-Rastan", 34.9267, 36.7324, "منطقة الرستن")]),
        ("حماة", "Hama", 35.20, 36.95, 5, [
            ("حماة", "Hama", 35.1318, 36.7578, None),
            ("السلمية", "Salamiyah", 35.0113, 37.0532, "منطقة السلمية")]),
        ("إدلب", "Idlib", 35.80, 36.60, 10, [
            ("إدلب", "Idlib", 35.9306, 36.6339, None),
            ("معرة النعمان", "Maarat al-Numan", 35.6483, 36.6769, "منطقة معرة النعمان"),
            ("سراقب", "Saraqib", 35.8645, 36.8059, None)]),
        ("اللاذقية", "Latakia", 35.60, 36.00, 2, [
            ("اللاذقية", "Latakia", 35.5313, 35.7909, None),
            ("جبلة", "Jableh", 35.3621, 35.9276, "منطقة جبلة")]),
        ("طرطوس", "Tartus", 34.95, 36.10, 2, [
            ("طرطوس", "Tartus", 34.8890, 35.8866, None),
            ("بانياس", "Baniyas", 35.1819, 35.9487, "منطقة بانياس")]),
        ("درعا", "Daraa", 32.80, 36.20, 5, [
            ("درعا", "Daraa", 32.6189, 36.1021, None),
            ("نوى", "Nawa", 32.8865, 36.0391, "منطقة إزرع")]),
        ("السويداء", "As-Suwayda", 32.65, 36.75, 3, [
            ("السويداء", "As-Suwayda", 32.7090, 36.5695, None)]),
        ("القنيطرة", "Quneitra", 33.05, 35.85, 1, [("خان أرنبة", "Khan Arnabah", 33.1838, 35.8916, None)]),
        ("الرقة", "Raqqa", 35.95, 38.85, 6, [
            ("الرقة", "Raqqa", 35.9528, 39.0079, None),
            ("الطبقة", "Tabqa", 35.8376, 38.5483, "منطقة الطبقة")]),
        ("دير الزور", "Deir ez-Zor", 35.00, 40.40, 6, [
            ("دير الزور", "Deir ez-Zor", 35.3359, 40.1408, None),
            ("الميادين", "Al Mayadin", 35.0198, 40.4515, "منطقة الميادين"),
            ("البوكمال", "Abu Kamal", 34.4523, 40.9185, "منطقة البوكمال")]),
        ("الحسكة", "Al-Hasakah", 36.60, 40.90, 5, [
            ("الحسكة", "Al-Hasakah", 36.5024, 40.7477, None),
            ("القامشلي", "Qamishli", 37.0522, 41.2314, "منطقة القامشلي")]),
    ],
    "PS": [
        ("غزة", "Gaza", 31.50, 34.45, 18, [("مدينة غزة", "Gaza City", 31.5016, 34.4667, None)]),
        ("شمال غزة", "North Gaza", 31.54, 34.50, 8, [
            ("جباليا", "Jabalia", 31.5272, 34.4835, None),
            ("بيت لاهيا", "Beit Lahia", 31.5464, 34.4951, None),
            ("بيت حانون", "Beit Hanoun", 31.5353, 34.5358, None)]),
        ("دير البلح", "Deir al-Balah", 31.42, 34.36, 8, [
            ("دير البلح", "Deir al-Balah", 31.4183, 34.3493, None),
            ("النصيرات", "Nuseirat", 31.4486, 34.3925, None),
            ("البريج", "Bureij", 31.4394, 34.4031, None)]),
        ("خان يونس", "Khan Younis", 31.33, 34.32, 8, [("خان يونس", "Khan Younis", 31.3402, 34.3063, None)]),
        ("رفح", "Rafah", 31.28, 34.26, 5, [("رفح", "Rafah", 31.2972, 34.2436, None)]),
        ("القدس", "Jerusalem", 31.80, 35.25, 8, [
            ("القدس", "Jerusalem", 31.7834, 35.2339, None),
            ("البلدة القديمة", "Jerusalem Old City", 31.7767, 35.2342, None),
            ("شعفاط", "Shuafat", 31.8165, 35.2275, None),
            ("سلوان", "Silwan", 31.7710, 35.2370, None)]),
        ("رام الله والبيرة", "Ramallah and al-Bireh", 31.95, 35.17, 8, [
            ("رام الله", "Ramallah", 31.8996, 35.2042, None),
            ("البيرة", "Al-Bireh", 31.9100, 35.2165, None)]),
        ("الخليل", "Hebron", 31.48, 35.05, 7, [
            ("الخليل", "Hebron", 31.5294, 35.0938, None),
            ("يطا", "Yatta", 31.4459, 35.0944, None)]),
        ("نابلس", "Nablus", 32.20, 35.28, 6, [("نابلس", "Nablus", 32.2211, 35.2544, None)]),
        ("جنين", "Jenin", 32.42, 35.25, 6, [
            ("جنين", "Jenin", 32.4594, 35.3009, None),
            ("مخيم جنين", "Jenin camp", 32.4610, 35.2880, None)]),
        ("طولكرم", "Tulkarm", 32.32, 35.10, 3, [("طولكرم", "Tulkarm", 32.3116, 35.0269, None)]),
        ("بيت لحم", "Bethlehem", 31.65, 35.25, 4, [("بيت لحم", "Bethlehem", 31.7049, 35.2038, None)]),
        ("قلقيلية", "Qalqilya", 32.18, 35.02, 1, [("قلقيلية", "Qalqilya", 32.1897, 34.9706, None)]),
        ("أريحا والأغوار", "Jericho", 31.85, 35.45, 1, [("أريحا", "Jericho", 31.8667, 35.4500, None)]),
    ],
    "IQ": [
        ("بغداد", "Baghdad", 33.35, 44.40, 16, [
            ("بغداد", "Baghdad", 33.3406, 44.4009, None),
            ("مدينة الصدر", "Sadr City", 33.3889, 44.4583, None),
            ("الكاظمية", "Kadhimiya", 33.3800, 44.3400, None),
            ("أبو غريب", "Abu Ghraib", 33.3056, 44.1848, "قضاء أبو غريب")]),
        ("نينوى", "Nineveh", 36.15, 42.45, 8, [
            ("الموصل", "Mosul", 36.3350, 43.1189, "قضاء الموصل"),
            ("سنجار", "Sinjar", 36.3209, 41.8766, "قضاء سنجار"),
            ("تلعفر", "Tal Afar", 36.3791, 42.4481, "قضاء تلعفر")]),
        ("البصرة", "Basra", 30.50, 47.40, 8, [
            ("البصرة", "Basra", 30.5085, 47.7804, None),
            ("الزبير", "Az Zubayr", 30.3921, 47.7018, "قضاء الزبير"),
            ("أبو الخصيب", "Abu al-Khasib", 30.4464, 47.9781, "قضاء أبو الخصيب")]),
        ("أربيل", "Erbil", 36.40, 44.30, 5, [("أربيل", "Erbil", 36.1912, 44.0094, None)]),
        ("السليمانية", "Sulaymaniyah", 35.60, 45.30, 5, [
            ("السليمانية", "Sulaymaniyah", 35.5650, 45.4329, None),
            ("كلار", "Kalar", 34.6281, 45.3185, "قضاء كلار")]),
        ("دهوك", "Duhok", 36.95, 43.10, 3, [
            ("دهوك", "Duhok", 36.8661, 42.9879, None),
            ("زاخو", "Zakho", 37.1487, 42.6859, "قضاء زاخو")]),
        ("كركوك", "Kirkuk", 35.40, 44.20, 4, [("كركوك", "Kirkuk", 35.4681, 44.3922, None)]),
        ("الأنبار", "Anbar", 33.20, 41.80, 5, [
            ("الرمادي", "Ramadi", 33.4206, 43.3078, "قضاء الرمادي"),
            ("الفلوجة", "Fallujah", 33.3491, 43.7860, "قضاء الفلوجة")]),
        ("صلاح الدين", "Salah ad-Din", 34.50, 43.70, 3, [
            ("تكريت", "Tikrit", 34.6158, 43.6786, "قضاء تكريت"),
            ("سامراء", "Samarra", 34.1959, 43.8857, "قضاء سامراء")]),
        ("ديالى", "Diyala", 33.95, 45.10, 3, [("بعقوبة", "Baqubah", 33.7540, 44.6052, "قضاء بعقوبة")]),
        ("النجف", "Najaf", 31.15, 43.55, 3, [("النجف", "Najaf", 32.0259, 44.3463, None)]),
        ("كربلاء", "Karbala", 32.60, 43.70, 2, [("كربلاء", "Karbala", 32.6160, 44.0249, None)]),
        ("ذي قار", "Dhi Qar", 31.10, 46.30, 4, [("الناصرية", "Nasiriyah", 31.0580, 46.2573, None)]),
        ("بابل", "Babylon", 32.55, 44.60, 2, [("الحلة", "Hillah", 32.4637, 44.4196, None)]),
        ("ميسان", "Maysan", 31.90, 47.10, 1, [("العمارة", "Amarah", 31.8356, 47.1448, None)]),
        ("واسط", "Wasit", 32.70, 45.70, 1, [("الكوت", "Kut", 32.5128, 45.8182, None)]),
        ("القادسية", "Al-Qadisiyah", 31.95, 45.05, 1, [("الديوانية", "Diwaniyah", 31.9929, 44.9255, None)]),
        ("المثنى", "Muthanna", 30.40, 45.20, 1, [("السماوة", "Samawah", 31.3320, 45.2944, None)]),
    ],
    "LY": [
        ("طرابلس", "Tripoli", 32.82, 13.20, 12, [
            ("طرابلس", "Tripoli", 32.8874, 13.1873, None),
            ("تاجوراء", "Tajoura", 32.8817, 13.3506, None),
            ("جنزور", "Janzour", 32.8187, 13.0173, None)]),
        ("بنغازي", "Benghazi", 32.00, 20.25, 9, [("بنغازي", "Benghazi", 32.1149, 20.0686, None)]),
        ("مصراتة", "Misrata", 31.80, 15.00, 5, [("مصراتة", "Misrata", 32.3754, 15.0925, None)]),
        ("الزاوية", "Zawiya", 32.70, 12.60, 2, [
            ("الزاوية", "Zawiya", 32.7571, 12.7276, None),
            ("صبراتة", "Sabratha", 32.7934, 12.4885, None)]),
        ("سرت", "Sirte", 30.50, 16.90, 3, [("سرت", "Sirte", 31.2089, 16.5887, None)]),
        ("درنة", "Derna", 32.40, 22.80, 3, [("درنة", "Derna", 32.7670, 22.6367, None)]),
        ("الجبل الأخضر", "Jabal al-Akhdar", 32.55, 21.75, 2, [
            ("البيضاء", "Al Bayda", 32.7627, 21.7551, None)]),
        ("سبها", "Sabha", 27.10, 14.20, 3, [("سبها", "Sabha", 27.0377, 14.4283, None)]),
        ("المرج", "Al Marj", 32.20, 20.90, 1, [("المرج", "Al Marj", 32.4926, 20.8291, None)]),
        ("البطنان", "Butnan", 31.00, 24.20, 2, [("طبرق", "Tobruk", 32.0896, 23.9539, None)]),
        ("المرقب", "Murqub", 32.45, 14.10, 2, [
            ("الخمس", "Al Khums", 32.6486, 14.2619, None)]),
        ("الواحات", "Al Wahat", 29.30, 21.20, 1, [("أجدابيا", "Ajdabiya", 30.7555, 20.2263, None)]),
    ],
    "SD": [
        ("الخرطوم", "Khartoum", 15.75, 32.75, 16, [
            ("الخرطوم", "Khartoum", 15.5518, 32.5324, None),
            ("أم درمان", "Omdurman", 15.6445, 32.4777, None),
            ("الخرطوم بحري", "Khartoum North", 15.6493, 32.5346, None)]),
        ("الجزيرة", "Al Jazirah", 14.50, 33.30, 5, [("ود مدني", "Wad Madani", 14.4012, 33.5199, None)]),
        ("شمال دارفور", "North Darfur", 15.80, 25.00, 5, [("الفاشر", "El Fasher", 13.6279, 25.3494, None)]),
        ("جنوب دارفور", "South Darfur", 11.50, 24.80, 4, [("نيالا", "Nyala", 12.0489, 24.8807, None)]),
        ("غرب دارفور", "West Darfur", 12.90, 22.80, 3, [("الجنينة", "El Geneina", 13.4526, 22.4473, None)]),
        ("البحر الأحمر", "Red Sea", 19.50, 36.50, 4, [("بورتسودان", "Port Sudan", 19.6175, 37.2164, None)]),
        ("كسلا", "Kassala", 15.50, 36.00, 2, [("كسلا", "Kassala", 15.4510, 36.4000, None)]),
        ("القضارف", "Gedaref", 14.00, 35.50, 2, [("القضارف", "Gedaref", 14.0349, 35.3834, None)]),
        ("شمال كردفان", "North Kordofan", 14.00, 29.80, 3, [("الأبيض", "El Obeid", 13.1842, 30.2167, None)]),
        ("جنوب كردفان", "South Kordofan", 11.20, 29.80, 2, [("كادقلي", "Kadugli", 11.0111, 29.7183, None)]),
        ("النيل الأبيض", "White Nile", 13.30, 32.40, 2, [
            ("كوستي", "Kosti", 13.1629, 32.6635, None),
            ("ربك", "Rabak", 13.1809, 32.7400, None)]),
        ("نهر النيل", "River Nile", 17.80, 33.90, 2, [("عطبرة", "Atbara", 17.7022, 33.9864, None)]),
        ("الولاية الشمالية", "Northern State", 19.50, 30.50, 1, [
            ("دنقلا", "Dongola", 19.1816, 30.4769, None)]),
        ("النيل الأزرق", "Blue Nile", 11.30, 34.20, 1, [("الدمازين", "Ad-Damazin", 11.7891, 34.3592, None)]),
    ],
    "EG": [
        ("القاهرة", "Cairo", 30.05, 31.35, 20, [
            ("القاهرة", "Cairo", 30.0626, 31.2497, None),
            ("مدينة نصر", "Nasr City", 30.0667, 31.3000, None),
            ("وسط البلد", "Downtown Cairo", 30.0480, 31.2400, None)]),
        ("الجيزة", "Giza", 29.10, 29.60, 6, [("الجيزة", "Giza", 30.0094, 31.2086, None)]),
        ("الإسكندرية", "Alexandria", 31.05, 29.85, 8, [("الإسكندرية", "Alexandria", 31.2018, 29.9158, None)]),
        ("شمال سيناء", "North Sinai", 30.50, 33.60, 5, [
            ("العريش", "Al-Arish", 31.1316, 33.7984, None),
            ("الشيخ زويد", "Sheikh Zuweid", 31.2163, 34.1107, None)]),
        ("الدقهلية", "Dakahlia", 31.05, 31.55, 3, [("المنصورة", "Mansoura", 31.0364, 31.3807, None)]),
        ("الغربية", "Gharbia", 30.85, 31.05, 2, [
            ("طنطا", "Tanta", 30.7885, 31.0019, None),
            ("المحلة الكبرى", "El Mahalla El Kubra", 30.9706, 31.1669, None)]),
        ("الشرقية", "Sharqia", 30.65, 31.65, 2, [("الزقازيق", "Zagazig", 30.5877, 31.5020, None)]),
        ("أسيوط", "Asyut", 27.10, 30.70, 2, [("أسيوط", "Asyut", 27.1810, 31.1837, None)]),
        ("المنيا", "Minya", 28.20, 30.40, 2, [("المنيا", "Minya", 28.0919, 30.7581, None)]),
        ("السويس", "Suez", 29.90, 32.30, 1, [("السويس", "Suez", 29.9737, 32.5263, None)]),
        ("بورسعيد", "Port Said", 31.20, 32.30, 1, [("بورسعيد", "Port Said", 31.2653, 32.3019, None)]),
        ("أسوان", "Aswan", 23.50, 32.40, 1, [("أسوان", "Aswan", 24.0908, 32.8994, None)]),
        ("سوهاج", "Sohag", 26.50, 31.80, 1, [("سوهاج", "Sohag", 26.5570, 31.6948, None)]),
        ("الإسماعيلية", "Ismailia", 30.55, 32.10, 1, [("الإسماعيلية", "Ismailia", 30.6043, 32.2723, None)]),
    ],
    "LB": [
        ("بيروت", "Beirut", 33.89, 35.50, 12, [
            ("بيروت", "Beirut", 33.8933, 35.5016, None),
            ("الحمرا", "Hamra", 33.8960, 35.4830, None)]),
        ("جبل لبنان", "Mount Lebanon", 33.85, 35.65, 8, [
            ("الضاحية الجنوبية", "Dahiyeh", 33.8500, 35.5100, "قضاء بعبدا"),
            ("جونيه", "Jounieh", 33.9808, 35.6178, "قضاء كسروان"),
            ("عاليه", "Aley", 33.8053, 35.6000, "قضاء عاليه"),
            ("جبيل", "Byblos", 34.1211, 35.6481, "قضاء جبيل")]),
        ("الجنوب", "South Lebanon", 33.40, 35.28, 6, [
            ("صيدا", "Sidon", 33.5575, 35.3715, "قضاء صيدا"),
            ("صور", "Tyre", 33.2733, 35.1939, "قضاء صور"),
            ("الناقورة", "Naqoura", 33.1181, 35.1397, "قضاء صور")]),
        ("النبطية", "Nabatieh", 33.35, 35.55, 6, [
            ("النبطية", "Nabatieh", 33.3779, 35.4839, None),
            ("بنت جبيل", "Bint Jbeil", 33.1200, 35.4330, "قضاء بنت جبيل"),
            ("مرجعيون", "Marjayoun", 33.3603, 35.5911, "قضاء مرجعيون")]),
        ("الشمال", "North Lebanon", 34.40, 35.90, 3, [("طرابلس", "Tripoli", 34.4335, 35.8442, None)]),
        ("البقاع", "Beqaa", 33.70, 35.85, 2, [("زحلة", "Zahle", 33.8468, 35.9020, None)]),
        ("بعلبك الهرمل", "Baalbek-Hermel", 34.15, 36.30, 3, [
            ("بعلبك", "Baalbek", 34.0058, 36.2181, None),
            ("الهرمل", "Hermel", 34.3942, 36.3847, None)]),
        ("عكار", "Akkar", 34.55, 36.15, 1, [("حلبا", "Halba", 34.5428, 36.0797, None)]),
    ],
    "OM": [
        ("مسقط", "Muscat", 23.40, 58.50, 12, [
            ("مسقط", "Muscat", 23.5841, 58.4078, None),
            ("السيب", "Seeb", 23.6703, 58.1891, "ولاية السيب"),
            ("بوشر", "Bawshar", 23.5777, 58.3998, "ولاية بوشر"),
            ("مطرح", "Muttrah", 23.6170, 58.5670, "ولاية مطرح")]),
        ("ظفار", "Dhofar", 18.20, 53.90, 4, [("صلالة", "Salalah", 17.0151, 54.0924, "ولاية صلالة")]),
        ("شمال الباطنة", "North Al Batinah", 24.25, 56.75, 3, [
            ("صحار", "Sohar", 24.3475, 56.7094, "ولاية صحار"),
            ("شناص", "Shinas", 24.7426, 56.4670, "ولاية شناص")]),
        ("جنوب الباطنة", "South Al Batinah", 23.50, 57.45, 2, [
            ("الرستاق", "Rustaq", 23.3908, 57.4244, "ولاية الرستاق"),
            ("بركاء", "Barka", 23.6787, 57.8861, "ولاية بركاء")]),
        ("الداخلية", "Ad Dakhiliyah", 22.60, 57.55, 2, [("نزوى", "Nizwa", 22.9333, 57.5333, "ولاية نزوى")]),
        ("شمال الشرقية", "North Ash Sharqiyah", 22.20, 58.50, 1, [("إبراء", "Ibra", 22.6906, 58.5334, None)]),
        ("جنوب الشرقية", "South Ash Sharqiyah", 21.80, 59.00, 1, [
            ("صور", "Sur", 22.5667, 59.5289, "ولاية صور")]),
        ("الظاهرة", "Ad Dhahirah", 22.90, 56.20, 1, [("عبري", "Ibri", 23.2257, 56.5157, None)]),
        ("البريمي", "Al Buraimi", 24.05, 56.10, 1, [("البريمي", "Al Buraimi", 24.2509, 55.7931, None)]),
        ("مسندم", "Musandam", 26.10, 56.25, 1, [("خصب", "Khasab", 26.1799, 56.2477, None)]),
        ("الوسطى", "Al Wusta", 20.00, 56.60, 1, [("هيماء", "Haima", 19.9593, 56.2758, None)]),
    ],
    "SA": [
        ("الرياض", "Riyadh", 23.60, 45.40, 10, [
            ("الرياض", "Riyadh", 24.6877, 46.7219, None),
            ("الخرج", "Al Kharj", 24.1554, 47.3346, None)]),
        ("مكة المكرمة", "Makkah", 21.50, 40.90, 8, [
            ("جدة", "Jeddah", 21.4901, 39.1862, None),
            ("مكة المكرمة", "Mecca", 21.4266, 39.8256, None),
            ("الطائف", "Taif", 21.2703, 40.4158, None)]),
        ("المنطقة الشرقية", "the Eastern Province", 23.50, 50.00, 6, [
            ("الدمام", "Dammam", 26.4344, 50.1033, None),
            ("القطيف", "Qatif", 26.5654, 50.0089, None),
            ("الهفوف", "Hofuf", 25.3647, 49.5876, None)]),
        ("المدينة المنورة", "Madinah", 24.90, 39.30, 2, [
            ("المدينة المنورة", "Medina", 24.4686, 39.6142, None)]),
        ("القصيم", "Qassim", 26.20, 43.50, 2, [("بريدة", "Buraydah", 26.3260, 43.9750, None)]),
        ("عسير", "Asir", 19.30, 43.00, 2, [
            ("أبها", "Abha", 18.2164, 42.5053, None),
            ("خميس مشيط", "Khamis Mushait", 18.3000, 42.7333, None)]),
        ("تبوك", "Tabuk", 27.80, 37.30, 1, [("تبوك", "Tabuk", 28.3998, 36.5715, None)]),
        ("جازان", "Jazan", 17.20, 42.70, 1, [("جازان", "Jazan", 16.8892, 42.5511, None)]),
        ("نجران", "Najran", 18.60, 46.80, 1, [("نجران", "Najran", 17.4933, 44.1277, None)]),
        ("حائل", "Hail", 27.30, 41.80, 1, [("حائل", "Hail", 27.5219, 41.6907, None)]),
    ],
    "AE": [
        ("أبوظبي", "Abu Dhabi", 23.50, 53.90, 8, [
            ("أبوظبي", "Abu Dhabi", 24.4512, 54.3970, None),
            ("العين", "Al Ain", 24.1917, 55.7606, None)]),
        ("دبي", "Dubai", 25.05, 55.35, 8, [
            ("دبي", "Dubai", 25.0773, 55.3093, None),
            ("ديرة", "Deira", 25.2714, 55.3021, None)]),
        ("الشارقة", "Sharjah", 25.20, 55.65, 3, [("الشارقة", "Sharjah", 25.3342, 55.4122, None)]),
        ("عجمان", "Ajman", 25.40, 55.50, 1, [("عجمان", "Ajman", 25.4018, 55.4788, None)]),
        ("رأس الخيمة", "Ras Al Khaimah", 25.65, 56.00, 1, [
            ("رأس الخيمة", "Ras Al Khaimah", 25.7895, 55.9432, None)]),
        ("الفجيرة", "Fujairah", 25.20, 56.26, 1, [("الفجيرة", "Fujairah", 25.1164, 56.3414, None)]),
    ],
    "JO": [
        ("العاصمة", "Amman", 31.75, 36.30, 6, [("عمّان", "Amman", 31.9552, 35.9450, None)]),
        ("إربد", "Irbid", 32.55, 35.85, 2, [("إربد", "Irbid", 32.5556, 35.8500, None)]),
        ("الزرقاء", "Zarqa", 32.00, 36.70, 1, [("الزرقاء", "Zarqa", 32.0728, 36.0880, None)]),
        ("العقبة", "Aqaba", 29.80, 35.30, 1, [("العقبة", "Aqaba", 29.5267, 35.0078, None)]),
    ],
    "BH": [
        ("العاصمة", "Capital", 26.22, 50.58, 5, [
            ("المنامة", "Manama", 26.2279, 50.5857, None),
            ("السنابس", "Sanabis", 26.2272, 50.5508, None)]),
        ("المحرق", "Muharraq", 26.26, 50.62, 2, [("المحرق", "Muharraq", 26.2572, 50.6119, None)]),
        ("المحافظة الشمالية", "Northern Governorate", 26.15, 50.49, 3, [
            ("مدينة حمد", "Hamad Town", 26.1153, 50.5069, None),
            ("الدراز", "Diraz", 26.2200, 50.4750, None)]),
        ("المحافظة الجنوبية", "Southern Governorate", 25.95, 50.55, 1, [
            ("الرفاع", "Riffa", 26.1300, 50.5550, None)]),
    ],
    "KW": [
        ("العاصمة", "Capital", 29.36, 47.95, 4, [("مدينة الكويت", "Kuwait City", 29.3670, 47.9743, None)]),
        ("حولي", "Hawalli", 29.32, 48.03, 1, [("حولي", "Hawalli", 29.3328, 48.0286, None)]),
        ("الجهراء", "Jahra", 29.60, 47.40, 1, [("الجهراء", "Jahra", 29.3375, 47.6581, None)]),
        ("الأحمدي", "Ahmadi", 28.90, 48.00, 1, [("الأحمدي", "Ahmadi", 29.0769, 48.0839, None)]),
    ],
    "QA": [
        ("الدوحة", "Doha", 25.28, 51.53, 3, [("الدوحة", "Doha", 25.2855, 51.5310, None)]),
        ("الريان", "Al Rayyan", 25.05, 51.20, 1, [("الريان", "Al Rayyan", 25.2919, 51.4244, None)]),
    ],
    "TN": [
        ("تونس", "Tunis", 36.82, 10.15, 4, [("تونس", "Tunis", 36.8190, 10.1658, None)]),
        ("صفاقس", "Sfax", 34.70, 10.40, 2, [("صفاقس", "Sfax", 34.7406, 10.7603, None)]),
        ("سوسة", "Sousse", 35.90, 10.35, 1, [("سوسة", "Sousse", 35.8254, 10.6370, None)]),
        ("قفصة", "Gafsa", 34.40, 8.80, 1, [("قفصة", "Gafsa", 34.4250, 8.7842, None)]),
        ("سيدي بوزيد", "Sidi Bouzid", 34.90, 9.50, 1, [("سيدي بوزيد", "Sidi Bouzid", 35.0382, 9.4849, None)]),
    ],
    "DZ": [
        ("الجزائر", "Algiers", 36.72, 3.05, 4, [
            ("الجزائر العاصمة", "Algiers", 36.7323, 3.0875, None),
            ("باب الزوار", "Bab Ezzouar", 36.7262, 3.1829, None)]),
        ("وهران", "Oran", 35.60, -0.60, 2, [("وهران", "Oran", 35.6991, -0.6359, None)]),
        ("قسنطينة", "Constantine", 36.30, 6.65, 1, [("قسنطينة", "Constantine", 36.3650, 6.6147, None)]),
        ("تيزي وزو", "Tizi Ouzou", 36.65, 4.20, 1, [("تيزي وزو", "Tizi Ouzou", 36.7118, 4.0459, None)]),
    ],
    "MA": [
        ("الدار البيضاء سطات", "Casablanca-Settat", 33.00, -7.60, 3, [
            ("الدار البيضاء", "Casablanca", 33.5883, -7.6114, None)]),
        ("الرباط سلا القنيطرة", "Rabat-Sale-Kenitra", 34.10, -6.20, 3, [
            ("الرباط", "Rabat", 34.0133, -6.8326, None),
            ("سلا", "Sale", 34.0531, -6.7985, None)]),
        ("فاس مكناس", "Fes-Meknes", 33.70, -4.60, 1, [("فاس", "Fes", 34.0331, -5.0003, None)]),
        ("الشرق", "Oriental", 33.80, -2.30, 1, [("وجدة", "Oujda", 34.6814, -1.9086, None)]),
        ("طنجة تطوان الحسيمة", "Tanger-Tetouan-Al Hoceima", 35.25, -5.20, 1, [
            ("طنجة", "Tangier", 35.7673, -5.7998, None),
            ("الحسيمة", "Al Hoceima", 35.2517, -3.9372, None)]),
        ("مراكش آسفي", "Marrakesh-Safi", 31.70, -8.40, 1, [("مراكش", "Marrakesh", 31.6342, -7.9999, None)]),
    ],
}

# --- perpetrators ---------------------------------------------------------------------------
# Families group scenarios by who typically commits them (see SCENARIOS[...]["family"]): arrest,
# kidnap, violence, strike, court (prosecutors, summons), sentencing (courts), regulator, employer,
# online, complaint (lawsuits).
_HOUTHI = ("أمانة العاصمة", "صنعاء", "ذمار", "إب", "حجة", "عمران", "صعدة", "المحويت", "ريمة",
           "الحديدة", "البيضاء", "تعز", "الجوف")
_YE_GOV = ("تعز", "مأرب", "حضرموت", "شبوة", "المهرة", "الجوف", "أبين", "عدن", "لحج", "الضالع",
           "أرخبيل سقطرى")
_YE_SOUTH = ("عدن", "لحج", "أبين", "الضالع", "شبوة", "حضرموت", "المهرة", "أرخبيل سقطرى")
_GAZA = ("غزة", "شمال غزة", "دير البلح", "خان يونس", "رفح")
_WEST_BANK = ("القدس", "رام الله والبيرة", "الخليل", "نابلس", "جنين", "طولكرم", "بيت لحم", "قلقيلية",
              "أريحا والأغوار")
_KURDISTAN = ("أربيل", "السليمانية", "دهوك")
_LY_EAST = ("بنغازي", "درنة", "الجبل الأخضر", "المرج", "البطنان", "الواحات", "سرت", "سبها")
_LY_WEST = ("طرابلس", "الزاوية", "مصراتة", "المرقب")

# country -> [(type, name ar, name en, weight, families, admin1 areas or None, (first, last year) or None)]
ACTORS = {
    "YE": [
        ("non_state_armed_group", "جماعة أنصار الله (الحوثيون)", "Ansar Allah (Houthis)", 10,
         "arrest kidnap violence strike regulator online employer", _HOUTHI, None),
        ("state_judicial", "المحكمة الجزائية المتخصصة في صنعاء", "the Specialised Criminal Court in Sanaa", 3,
         "sentencing", _HOUTHI, None),
        ("state_security", "قوات الحكومة اليمنية", "Yemeni government forces", 4, "arrest violence strike",
         _YE_GOV, None),
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 2, "court", _YE_GOV, None),
        ("state_judicial", "النيابة الجزائية المتخصصة في صنعاء",
         "the Specialised Criminal Prosecution in Sanaa", 3, "court", _HOUTHI, None),
        ("non_state_armed_group", "المجلس الانتقالي الجنوبي", "the Southern Transitional Council (STC)", 5,
         "arrest kidnap violence regulator online employer", _YE_SOUTH, (2017, 2025)),
        ("non_state_armed_group", "قوات الحزام الأمني", "Security Belt forces", 3, "arrest kidnap violence",
         ("عدن", "لحج", "أبين", "الضالع"), (2016, 2025)),
        ("non_state_armed_group", "قوات النخبة الحضرمية", "Hadrami Elite Forces", 2, "arrest kidnap violence",
         ("حضرموت",), (2016, 2025)),
        ("non_state_armed_group", "تنظيم القاعدة في جزيرة العرب",
         "Al-Qaeda in the Arabian Peninsula (AQAP)", 1, "kidnap violence",
         ("أبين", "شبوة", "حضرموت", "البيضاء"), (2015, 2019)),
        ("foreign_state", "التحالف بقيادة السعودية", "the Saudi-led coalition", 4, "strike",
         (*_HOUTHI, "مأرب"), (2015, 2022)),
        ("state_other", "وزارة الإعلام", "the Ministry of Information", 1, "regulator employer", None, None),
    ],
    "SY": [
        ("state_security", "قوات الحكومة السورية", "Syrian government forces", 8,
         "arrest violence strike regulator online", None, (2015, 2024)),
        ("state_judicial", "محكمة قضايا الإرهاب", "the Counter-Terrorism Court", 2, "sentencing", None,
         (2015, 2024)),
        ("foreign_state", "القوات الروسية", "Russian forces", 4, "strike",
         ("حلب", "إدلب", "حماة", "حمص", "ريف دمشق", "درعا", "اللاذقية", "دير الزور"), (2015, 2024)),
        ("non_state_armed_group", "تنظيم الدولة الإسلامية (داعش)", "the Islamic State group (ISIS)", 3,
         "arrest kidnap violence strike", ("الرقة", "دير الزور", "الحسكة", "حلب", "حمص"), (2015, 2019)),
        ("non_state_armed_group", "هيئة تحرير الشام", "Hay'at Tahrir al-Sham (HTS)", 4,
         "arrest kidnap violence regulator online", ("إدلب", "حلب"), (2017, 2024)),
        ("non_state_armed_group", "قوات سوريا الديمقراطية (قسد)", "the Syrian Democratic Forces (SDF)", 3,
         "arrest kidnap violence regulator", ("الحسكة", "الرقة", "دير الزور", "حلب"), (2016, 2025)),
        ("non_state_armed_group", "فصائل الجيش الوطني السوري", "Syrian National Army factions", 2,
         "arrest kidnap violence", ("حلب",), (2018, 2025)),
        ("foreign_state", "القوات التركية", "Turkish forces", 2, "strike", ("الحسكة", "الرقة", "حلب"),
         (2016, 2025)),
        ("foreign_state", "الجيش الإسرائيلي", "the Israeli army", 1, "strike",
         ("دمشق", "ريف دمشق", "القنيطرة", "درعا", "حمص"), None),
        ("state_security", "قوات الأمن العام", "General Security forces", 3, "arrest violence regulator",
         None, (2025, 2025)),
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 1, "court", None, None),
    ],
    "PS": [
        ("foreign_state", "الجيش الإسرائيلي", "the Israeli army", 16,
         "arrest violence strike regulator court",
         None, None),
        ("foreign_state", "الشرطة الإسرائيلية", "Israeli police", 4, "arrest violence", ("القدس",), None),
        ("foreign_state", "المحاكم العسكرية الإسرائيلية", "Israeli military courts", 3, "sentencing",
         _WEST_BANK,
         None),
        ("foreign_state", "وحدة السايبر الإسرائيلية", "the Israeli Cyber Unit", 2, "online regulator", None,
         (2016, 2025)),
        ("private_individual", "مستوطنون إسرائيليون", "Israeli settlers", 3, "violence", _WEST_BANK, None),
        ("state_security", "الأجهزة الأمنية الفلسطينية", "Palestinian Authority security services", 4,
         "arrest violence regulator online", _WEST_BANK, None),
        ("state_judicial", "النيابة العامة الفلسطينية", "the Palestinian Public Prosecution", 2, "court",
         _WEST_BANK, None),
        ("state_judicial", "محكمة صلح رام الله", "the Ramallah Magistrates Court", 1, "sentencing regulator",
         _WEST_BANK, None),
        ("state_security", "الأجهزة الأمنية في قطاع غزة", "security services in the Gaza Strip", 3,
         "arrest violence regulator online court", _GAZA, None),
    ],
    "IQ": [
        ("state_security", "القوات الأمنية العراقية", "Iraqi security forces", 8, "arrest violence strike",
         None, None),
        ("non_state_armed_group", "فصائل مسلحة", "armed factions", 5, "kidnap violence online", None, None),
        ("state_security", "قوات الأسايش الكردية", "Kurdish Asayish security forces", 4,
         "arrest violence regulator", _KURDISTAN, None),
        ("state_judicial", "محكمة قضايا النشر والإعلام", "the Publishing and Media Court", 3,
         "court sentencing", None,
         None),
        ("state_judicial", "محكمة في إقليم كردستان", "a court in the Kurdistan Region", 2, "court sentencing",
         _KURDISTAN, None),
        ("state_other", "هيئة الإعلام والاتصالات", "the Communications and Media Commission (CMC)", 3,
         "regulator", None, None),
        ("non_state_armed_group", "تنظيم الدولة الإسلامية (داعش)", "the Islamic State group (ISIS)", 3,
         "arrest kidnap violence strike", ("نينوى", "الأنبار", "صلاح الدين", "كركوك", "ديالى"), (2015, 2017)),
        ("foreign_state", "القوات التركية", "Turkish forces", 1, "strike", ("دهوك", "أربيل", "نينوى"), None),
        ("political_party", "أنصار أحزاب سياسية", "supporters of political parties", 2, "violence online",
         None, None),
    ],
    "LY": [
        ("non_state_armed_group", "قوات القيادة العامة (الجيش الوطني الليبي)",
         "Libyan National Army (LNA) forces",
         6, "arrest kidnap violence strike regulator", _LY_EAST, None),
        ("non_state_armed_group", "جهاز الردع", "the Radaa Deterrence Apparatus", 4, "arrest kidnap violence",
         ("طرابلس",), None),
        ("non_state_armed_group", "مجموعات مسلحة", "armed groups", 5, "arrest kidnap violence strike",
         _LY_WEST,
         None),
        ("state_security", "جهاز الأمن الداخلي", "the Internal Security Agency", 3, "arrest regulator online",
         None, None),
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 2, "court", None, None),
        ("non_state_armed_group", "تنظيم الدولة الإسلامية (داعش)", "the Islamic State group (ISIS)", 2,
         "kidnap violence", ("سرت", "درنة"), (2015, 2016)),
    ],
    "SD": [
        ("state_security", "جهاز الأمن والمخابرات الوطني", "the National Intelligence and Security Service",
         8, "arrest regulator violence online", None, (2015, 2019)),
        ("state_security", "جهاز المخابرات العامة", "the General Intelligence Service", 3, "arrest online",
         None, (2020, 2025)),
        ("state_security", "القوات المسلحة السودانية", "the Sudanese Armed Forces (SAF)", 5,
         "arrest violence strike", None, None),
        ("state_security", "قوات الدعم السريع", "the Rapid Support Forces (RSF)", 4, "arrest violence",
         None, (2019, 2022)),
        ("non_state_armed_group", "قوات الدعم السريع", "the Rapid Support Forces (RSF)", 8,
         "arrest kidnap violence strike", None, (2023, 2025)),
        ("state_security", "الشرطة", "the police", 3, "arrest violence", None, None),
        ("state_judicial", "نيابة الصحافة والمطبوعات", "the Press and Publications Prosecution", 2, "court",
         None, None),
        ("state_other", "مجلس الصحافة والمطبوعات", "the Press and Publications Council", 2, "regulator",
         None, None),
    ],
    "EG": [
        ("state_security", "جهاز الأمن الوطني", "the National Security Agency", 8, "arrest online", None,
         None),
        ("state_security", "الشرطة", "the police", 5, "arrest violence", None, None),
        ("state_judicial", "نيابة أمن الدولة العليا", "the Supreme State Security Prosecution", 7, "court",
         None, None),
        ("state_judicial", "محكمة جنايات أمن الدولة طوارئ", "the Emergency State Security Criminal Court", 4,
         "sentencing", None, None),
        ("state_other", "المجلس الأعلى لتنظيم الإعلام", "the Supreme Council for Media Regulation", 4,
         "regulator", None, (2017, 2025)),
        ("non_state_armed_group", "تنظيم ولاية سيناء", "the Sinai Province group", 1,
         "violence strike kidnap",
         ("شمال سيناء",), (2015, 2018)),
        ("state_security", "القوات المسلحة", "the armed forces", 1, "strike arrest", ("شمال سيناء",), None),
    ],
    "LB": [
        ("foreign_state", "الجيش الإسرائيلي", "the Israeli army", 6, "strike",
         ("الجنوب", "النبطية", "بعلبك الهرمل", "جبل لبنان", "البقاع"), (2023, 2025)),
        ("state_security", "قوى الأمن الداخلي", "the Internal Security Forces", 4, "arrest violence", None,
         None),
        ("state_security", "مكتب مكافحة جرائم المعلوماتية", "the Cybercrime Bureau", 4, "arrest court online",
         None, None),
        ("state_security", "الجيش اللبناني", "the Lebanese Army", 2, "violence arrest", None, None),
        ("state_judicial", "النيابة العامة التمييزية", "the Public Prosecution at the Court of Cassation", 3,
         "court", None, None),
        ("state_judicial", "المحكمة العسكرية", "the Military Court", 2, "court sentencing", None, None),
        ("political_party", "مناصرو أحزاب سياسية", "supporters of political parties", 6, "violence online",
         None, None),
    ],
    "OM": [
        ("state_security", "جهاز الأمن الداخلي", "the Internal Security Service", 6, "arrest online", None,
         None),
        ("state_security", "شرطة عمان السلطانية", "the Royal Oman Police", 2, "arrest violence", None, None),
        ("state_judicial", "الادعاء العام", "the Public Prosecution", 5, "court", None, None),
        ("state_judicial", "المحكمة الابتدائية في مسقط", "the Muscat Court of First Instance", 4,
         "sentencing",
         None, None),
        ("state_other", "وزارة الإعلام", "the Ministry of Information", 3, "regulator employer", None, None),
        ("state_other", "هيئة تنظيم الاتصالات", "the Telecommunications Regulatory Authority", 2, "regulator",
         None, None),
    ],
    "SA": [
        ("state_security", "رئاسة أمن الدولة", "the Presidency of State Security", 7, "arrest online", None,
         (2017, 2025)),
        ("state_security", "المباحث العامة", "the General Investigations Directorate (Mabahith)", 4,
         "arrest online", None, None),
        ("state_judicial", "المحكمة الجزائية المتخصصة", "the Specialised Criminal Court", 7, "sentencing",
         None, None),
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 4, "court", None, None),
        ("state_other", "وزارة الإعلام", "the Ministry of Media", 3, "regulator employer", None, None),
    ],
    "AE": [
        ("state_security", "جهاز أمن الدولة", "the State Security Apparatus", 7, "arrest online", None, None),
        ("state_judicial", "دائرة أمن الدولة في المحكمة الاتحادية",
         "the State Security Chamber of the Federal Court",
         5, "sentencing", None, None),
        ("state_judicial", "النيابة العامة الاتحادية", "the Federal Public Prosecution", 4, "court", None,
         None),
        ("state_other", "هيئة تنظيم الاتصالات والحكومة الرقمية",
         "the Telecommunications and Digital Government Regulatory Authority", 3, "regulator", None, None),
    ],
    "JO": [
        ("state_security", "مديرية الأمن العام", "the Public Security Directorate", 4, "arrest violence",
         None,
         None),
        ("state_security", "دائرة المخابرات العامة", "the General Intelligence Department", 3,
         "arrest online",
         None, None),
        ("state_judicial", "محكمة أمن الدولة", "the State Security Court", 3, "sentencing", None, None),
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 3, "court", None, None),
        ("state_other", "هيئة الإعلام", "the Media Commission", 4, "regulator", None, None),
    ],
    "BH": [
        ("state_security", "وزارة الداخلية", "the Ministry of Interior", 6, "arrest violence online", None,
         None),
        ("state_security", "جهاز الأمن الوطني", "the National Security Agency", 3, "arrest", None, None),
        ("state_judicial", "المحكمة الكبرى الجنائية", "the High Criminal Court", 5, "sentencing", None, None),
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 4, "court", None, None),
        ("state_other", "وزارة شؤون الإعلام", "the Ministry of Information Affairs", 3, "regulator", None,
         None),
    ],
    "KW": [
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 5, "court", None, None),
        ("state_judicial", "محكمة الجنايات", "the Criminal Court", 3, "sentencing", None, None),
        ("state_security", "إدارة مكافحة الجرائم الإلكترونية", "the Cybercrime Department", 4,
         "arrest online",
         None, None),
        ("state_other", "وزارة الإعلام", "the Ministry of Information", 3, "regulator", None, None),
    ],
    "QA": [
        ("state_security", "جهاز أمن الدولة", "the State Security Bureau", 4, "arrest online", None, None),
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 3, "court", None, None),
        ("state_other", "الجهات الحكومية المختصة", "the relevant government authorities", 2, "regulator",
         None, None),
    ],
    "TN": [
        ("state_security", "قوات الأمن", "security forces", 5, "arrest violence", None, None),
        ("state_judicial", "النيابة العمومية", "the Public Prosecution", 5, "court", None, None),
        ("state_judicial", "القضاء العسكري", "the military judiciary", 2, "court sentencing", None, None),
        ("state_other", "السلطات التونسية", "the Tunisian authorities", 2, "regulator", None, None),
        ("political_party", "أنصار حزب سياسي", "supporters of a political party", 2, "violence online", None,
         None),
    ],
    "DZ": [
        ("state_security", "مصالح الأمن", "the security services", 5, "arrest violence online", None, None),
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 5, "court", None, None),
        ("state_other", "وزارة الاتصال", "the Ministry of Communication", 3, "regulator employer", None,
         None),
    ],
    "MA": [
        ("state_security", "الفرقة الوطنية للشرطة القضائية", "the National Judicial Police Brigade", 4,
         "arrest online", None, None),
        ("state_security", "قوات الأمن", "security forces", 3, "violence arrest", None, None),
        ("state_judicial", "النيابة العامة", "the Public Prosecution", 5, "court", None, None),
        ("state_other", "السلطات المحلية", "local authorities", 2, "regulator", None, None),
    ],
}
# Available in every country, with small weights.
GENERIC_ACTORS = [
    ("state_other", "مسؤول حكومي", "a government official", 3, "complaint regulator online employer", None,
     None),
    ("private_individual", "إدارة المؤسسة الإعلامية", "the outlet's management", 3, "employer", None, None),
    ("private_individual", "رجل أعمال", "a businessman", 2, "complaint", None, None),
    ("political_party", "حزب سياسي", "a political party", 1, "complaint online", None, None),
    ("criminal_group", "عصابة مسلحة", "an armed gang", 1, "kidnap violence", None, None),
    ("state_judicial", "المحكمة المختصة", "the competent court", 1, "sentencing", None, None),
]
# Stored names are nominative; the templates put the perpetrator after a preposition.
GENITIVE_AR = {
    "جماعة أنصار الله (الحوثيون)": "جماعة أنصار الله (الحوثيين)",
    "مستوطنون إسرائيليون": "مستوطنين إسرائيليين",
    "مناصرو أحزاب سياسية": "مناصري أحزاب سياسية",
}
# family -> how an unknown perpetrator reads in the text (Arabic genitive, English)
UNKNOWN_ACTORS = {
    "arrest": ("مسلحين مجهولين", "unidentified gunmen"),
    "violence": ("مجهولين", "unknown assailants"),
    "strike": ("جهة لم تُحدَّد", "an unidentified party"),
    "court": ("جهة قضائية", "a judicial body"),
    "sentencing": ("محكمة", "a court"),
    "kidnap": ("مسلحين مجهولين", "unidentified gunmen"),
    "employer": ("جهة العمل", "the employer"),
    "regulator": ("جهة غير معلومة", "an unknown authority"),
    "online": ("جهات مجهولة", "unknown parties"),
    "complaint": ("جهة مجهولة", "an unknown party"),
}

# --- scenarios ------------------------------------------------------------------------------
# Each scenario is one coherent kind of incident: its codes, what happens to the victims, who
# does it, how their timeline runs, and text variants (title ar, title en, summary ar, summary en).
_G3 = "[[ه|ها|هما|هما|هم|هن]]"  # his / her / their (dual, plural)
_COVERING = "أثناء [[تغطيته|تغطيتها|تغطيتهما|تغطيتهما|تغطيتهم|تغطيتهن]]"

SCENARIOS = {
    "detention": {
        "codes": {"F4": 3, "F4.1": 1}, "extra": (("I1", 0.08), ("P1", 0.2)), "outcome": "detained",
        "family": "arrest", "unknown": 0.05, "timeline": "detention", "texts": [
            ("اعتقال {who} في {place}", "{Who} detained in {place}",
             "[[تعرّض|تعرّضت]] {victims} للاعتقال التعسفي على يد {perp} {where} {when}.",
             "{Victims} {was} arbitrarily detained by {perp} {where} {when}."),
            ("احتجاز {who} تعسفياً في {place}", "{Who} arbitrarily detained in {place}",
             "[[اعتُقل|اعتُقلت]] {victims} {when} {where} على يد {perp}، "
             "[[واقتيد|واقتيدت|واقتيدا|واقتيدتا|واقتيدوا|واقتيدن]] إلى أحد مراكز الاحتجاز دون أمر قضائي.",
             "{Victims} {was} arrested by {perp} {where} {when} and taken to a detention centre without a "
             "warrant."),
            ("اعتقال {who} على يد {perp} في {place}", "{Who} arrested by {perp} in {place}",
             "[[تعرّض|تعرّضت]] {victims} للاعتقال على يد {perp} {where} {when}، على خلفية {reason}.",
             "{Victims} {was} arrested by {perp} {where} {when} over {reason_en}."),
        ]},
    "torture": {
        "codes": {"I1": 1}, "extra": (("F4", 1.0), ("P1", 0.15)), "outcome": "tortured", "family": "arrest",
        "unknown": 0.05, "timeline": "detention", "texts": [
            ("تعذيب {who} أثناء الاحتجاز في {place}", "{Who} tortured in detention in {place}",
             "[[تعرّض|تعرّضت]] {victims} للتعذيب وسوء المعاملة خلال فترة احتجاز" + _G3 + " لدى {perp} "
             "{where}، "
             "بعد اعتقال" + _G3 + " {when}.",
             "{Victims} {was} tortured and ill-treated while held by {perp} {where} after {their} arrest "
             "{when}."),
        ]},
    "house_arrest": {
        "codes": {"F4.3": 1}, "extra": (), "outcome": "detained", "family": "arrest", "unknown": 0.0,
        "timeline": "house_arrest", "max_victims": 1, "texts": [
            ("فرض الإقامة الجبرية على {who} في {place}", "{Who} placed under house arrest in {place}",
             "[[وُضع|وُضعت]] {victims} قيد الإقامة الجبرية {where} {when} بقرار من {perp}.",
             "{Victims} {was} placed under house arrest {where} {when} by order of {perp}."),
        ]},
    "abduction": {
        "codes": {"F1": 1}, "extra": (("I1", 0.12), ("P1", 0.2)), "outcome": "abducted", "family": "kidnap",
        "unknown": 0.3, "timeline": "abduction", "texts": [
            ("اختطاف {who} في {place}", "{Who} abducted in {place}",
             "[[اختُطف|اختُطفت]] {victims} {when} {where} على يد {perp}، "
             "[[واقتيد|واقتيدت|واقتيدا|واقتيدتا|واقتيدوا|واقتيدن]] إلى جهة مجهولة.",
             "{Victims} {was} abducted by {perp} {where} {when} and taken to an unknown location."),
            ("اختطاف {who} على يد {perp} في {place}", "{Who} kidnapped by {perp} in {place}",
             "[[تعرّض|تعرّضت]] {victims} للاختطاف من أمام [[منزله|منزلها|منزليهما|منزليهما|منازلهم|منازلهن]] "
             "{where} {when}، في عملية نُسبت إلى {perp}.",
             "{Victims} {was} abducted outside {their} home {where} {when}, in an operation attributed to "
             "{perp}."),
        ]},
    "hostage": {
        "codes": {"F1.1": 1}, "extra": (("I1", 0.1),), "outcome": "abducted", "family": "kidnap",
        "unknown": 0.4, "timeline": "hostage", "texts": [
            ("احتجاز {who} رهينةً في {place}", "{Who} taken hostage in {place}",
             "[[احتُجز|احتُجزت]] {victims} رهينةً على يد {perp} {where} {when}، وطالب الخاطفون بفدية مالية "
             "مقابل الإفراج عن" + _G3 + ".",
             "{Victims} {was} taken hostage by {perp} {where} {when}; the captors demanded a ransom for "
             "{their} "
             "release."),
        ]},
    "disappearance": {
        "codes": {"F2": 1}, "extra": (("I1", 0.1),), "outcome": "disappeared", "family": "arrest",
        "unknown": 0.15, "timeline": "disappearance", "texts": [
            ("إخفاء {who} قسرياً في {place}", "Enforced disappearance of {who} in {place}",
             "[[اقتيد|اقتيدت]] {victims} إلى جهة مجهولة بعد توقيف" + _G3 + " على يد {perp} {where} {when}، "
             "وتنكر السلطات معرفة مكان احتجاز" + _G3 + ".",
             "{Victims} {was} taken to an unknown location after being stopped by {perp} {where} {when}; the "
             "authorities deny knowing {their} whereabouts."),
            ("إخفاء {who} قسرياً بعد التوقيف في {place}",
             "{Who} forcibly disappeared after arrest in {place}",
             "انقطعت أخبار {victims_gen} منذ توقيف" + _G3 + " على يد {perp} {where} {when}.",
             "Nothing has been heard from {victims} since {their} arrest by {perp} {where} {when}."),
        ]},
    "missing": {
        "codes": {"F3": 1}, "extra": (), "outcome": "missing", "family": "violence", "unknown": 0.9,
        "timeline": "missing", "texts": [
            ("فقدان الاتصال ب{who} في {place}", "Contact lost with {who} in {place}",
             "انقطع الاتصال ب{victims_gen} {when} " + _COVERING + " للأحداث {where}.",
             "Contact with {victims} was lost {when} while covering events {where}."),
        ]},
    "death_custody": {
        "codes": {"L1.4": 1}, "extra": (("F4", 1.0), ("I1", 0.3)), "outcome": "killed", "family": "arrest",
        "unknown": 0.0, "timeline": "death_custody", "max_victims": 1, "texts": [
            ("وفاة {who} أثناء الاحتجاز في {place}", "Death in custody of {who} in {place}",
             "[[توفي|توفيت]] {victims} في أحد مراكز الاحتجاز الخاضعة لسيطرة {perp} {where}، بعد اعتقال" + _G3
             + " {when}، وسط اتهامات بتعرّض" + _G3 + " للتعذيب والإهمال الطبي.",
             "{Victims} died in a detention facility controlled by {perp} {where} after {their} arrest "
             "{when}, "
             "amid allegations of torture and medical neglect."),
        ]},
    "sentence": {
        "codes": {"F4.2": 1}, "extra": (("F5", 1.0), ("F4", 0.4)), "outcome": "sentenced",
        "family": "sentencing",
        "unknown": 0.0, "timeline": "sentence", "max_victims": 2, "texts": [
            ("الحكم بسجن {who} في {place}", "{Who} sentenced to prison in {place}",
             "صدر حكم بسجن {victims_gen} مدة {term} عن {perp} {where} {when}، بتهمة {charge}.",
             "{Victims} {was} sentenced to {term_en} in prison by {perp} {where} {when} on charges of "
             "{charge_en}."),
            ("سجن {who} بسبب منشورات على مواقع التواصل في {place}",
             "{Who} jailed over social media posts in {place}",
             "صدر عن {perp} حكم بسجن {victims_gen} مدة {term} {when}، بسبب منشورات على مواقع التواصل "
             "الاجتماعي اعتُبرت «{charge}».",
             "{Perp} sentenced {victims} to {term_en} in prison {when} over social media posts deemed to "
             "constitute {charge_en}."),
        ]},
    "prosecution": {
        "codes": {"F5": 1}, "extra": (), "outcome": "prosecuted", "family": "court", "unknown": 0.0,
        "timeline": "prosecution", "texts": [
            ("استدعاء {who} للتحقيق في {place}", "{Who} summoned for questioning in {place}",
             "[[استُدعي|استُدعيت]] {victims} للتحقيق أمام {perp} {where} {when}، على خلفية {reason}.",
             "{Victims} {was} summoned for questioning by {perp} {where} {when} over {reason_en}."),
            ("إحالة {who} إلى المحاكمة في {place}", "{Who} referred to trial in {place}",
             "[[أُحيل|أُحيلت]] {victims} إلى المحاكمة {where} {when} بتهمة {charge}، على خلفية {reason}.",
             "{Victims} {was} referred to trial {where} {when} on charges of {charge_en} over {reason_en}."),
        ]},
    "lawsuit": {
        "codes": {"D2": 1}, "extra": (("F5", 0.4),), "outcome": "prosecuted", "family": "complaint",
        "unknown": 0.05, "timeline": "lawsuit", "max_victims": 2, "texts": [
            ("دعوى قضائية ضد {who} في {place}", "Lawsuit against {who} in {place}",
             "رُفعت دعوى قذف وتشهير ضد {victims_gen} أمام إحدى المحاكم {where} {when} من قبل {perp}، "
             "على خلفية {reason}.",
             "A defamation lawsuit was filed against {victims} in a court {where} {when} by {perp} over "
             "{reason_en}."),
        ]},
    "killing_targeted": {
        "codes": {"L1.1": 1}, "extra": (), "outcome": "killed", "family": "violence", "unknown": 0.5,
        "timeline": None, "max_victims": 2, "texts": [
            ("اغتيال {who} في {place}", "{Who} assassinated in {place}",
             "[[قُتل|قُتلت]] {victims} برصاص {perp} {where} {when}، في هجوم استهدف" + _G3
             + " أثناء [[عودته|عودتها|عودتهما|عودتهما|عودتهم|عودتهن]] من العمل.",
             "{Victims} {was} shot dead by {perp} {where} {when} while returning from work."),
            ("مقتل {who} بانفجار عبوة ناسفة في {place}", "{Who} killed by a car bomb in {place}",
             "[[قُتل|قُتلت]] {victims} {when} بانفجار عبوة ناسفة زُرعت في "
             "[[سيارته|سيارتها|سيارتهما|سيارتهما|سيارتهم|سيارتهن]] {where}، ونُسب الهجوم إلى {perp}.",
             "{Victims} {was} killed {when} when an explosive device planted in {their} car went off "
             "{where}; "
             "the attack was attributed to {perp}."),
        ]},
    "killing_combat": {
        "codes": {"L1.2": 1}, "extra": (("P2", 0.2),), "outcome": "killed", "family": "strike",
        "unknown": 0.15, "timeline": None, "max_victims": 4, "also_injured": 0.4, "texts": [
            ("مقتل {who} في {place}", "{Who} killed in {place}",
             "[[قُتل|قُتلت]] {victims} {when} جراء {attack} {attack_verb} إلى {perp} {where}.",
             "{Victims} {was} killed {when} by {attack_en} attributed to {perp} {where}."),
            ("مقتل {who} أثناء تغطية المعارك في {place}", "{Who} killed while covering fighting in {place}",
             "[[قُتل|قُتلت]] {victims} " + _COVERING + " للمواجهات {where} {when}، إثر {attack} "
             "{attack_verb} "
             "إلى {perp}.",
             "{Victims} {was} killed while covering clashes {where} {when}, by {attack_en} attributed to "
             "{perp}."),
        ]},
    "killing_assignment": {
        "codes": {"L1.3": 1}, "extra": (), "outcome": "killed", "family": "strike", "unknown": 0.5,
        "timeline": None, "max_victims": 2, "texts": [
            ("مقتل {who} بانفجار لغم أرضي في {place}", "{Who} killed by a landmine in {place}",
             "[[قُتل|قُتلت]] {victims} {when} إثر انفجار لغم أرضي " + _COVERING + " للمعارك {where}، "
             "ويُعتقد أن اللغم زُرع من قبل {perp}.",
             "{Victims} {was} killed {when} by a landmine while covering the fighting {where}; the mine is "
             "believed to have been laid by {perp}."),
        ]},
    "attempted_killing": {
        "codes": {"L2": 1}, "extra": (("I2", 0.6),), "outcome": "other", "family": "violence",
        "unknown": 0.6, "timeline": None, "if_injured": "I2", "max_victims": 2, "texts": [
            ("محاولة اغتيال {who} في {place}", "Assassination attempt on {who} in {place}",
             "[[نجا|نجت]] {victims} من محاولة اغتيال {where} {when}، بعدما تعرّضت "
             "[[سيارته|سيارتها|سيارتهما|سيارتهما|سيارتهم|سيارتهن]] لإطلاق نار من قبل {perp}.",
             "{Victims} survived an assassination attempt {where} {when} when {their} car came under fire "
             "from {perp}."),
        ]},
    "assault": {
        "codes": {"I2": 1}, "extra": (("P2", 0.3), ("C4", 0.25)), "outcome": "assaulted",
        "family": "violence",
        "unknown": 0.2, "timeline": None, "also_injured": 0.3, "texts": [
            ("الاعتداء على {who} في {place}", "{Who} assaulted in {place}",
             "[[تعرّض|تعرّضت]] {victims} للاعتداء بالضرب على يد {perp} " + _COVERING + " ل{event} {where} "
             "{when}.",
             "{Victims} {was} beaten by {perp} while covering {event_en} {where} {when}."),
            ("الاعتداء بالضرب على {who} أثناء تغطية {event} في {place}",
             "{Who} beaten while covering {event_en} "
             "in {place}",
             "[[تعرّض|تعرّضت]] {victims} للضرب ومحاولة تحطيم معدات التصوير على يد {perp} {where} {when}.",
             "{Victims} {was} beaten by {perp}, who also tried to smash {their} cameras, {where} {when}."),
        ]},
    "injury_combat": {
        "codes": {"I2": 1}, "extra": (("P2", 0.25),), "outcome": "injured", "family": "strike",
        "unknown": 0.15, "timeline": None, "max_victims": 4, "texts": [
            ("إصابة {who} أثناء تغطية المواجهات في {place}",
             "{Who} injured while covering clashes in {place}",
             "[[أُصيب|أُصيبت]] {victims} {when} جراء {attack} {attack_verb} إلى {perp} {where}، " + _COVERING
             + " للمواجهات.",
             "{Victims} {was} injured {when} by {attack_en} attributed to {perp} {where} while covering "
             "clashes."),
        ]},
    "threat": {
        "codes": {"I3": 1}, "extra": (("I4", 0.15), ("I5", 0.1)), "outcome": "threatened", "family": "online",
        "unknown": 0.45, "timeline": None, "texts": [
            ("تهديد {who} في {place}", "{Who} threatened in {place}",
             "[[تلقى|تلقت]] {victims} تهديدات {channel} من {perp} {when} {where}، على خلفية {reason}.",
             "{Victims} received threats {channel_en} from {perp} {where} {when} over {reason_en}."),
        ]},
    "death_threat": {
        "codes": {"I3.1": 1}, "extra": (("I5", 0.15),), "outcome": "threatened", "family": "online",
        "unknown": 0.5, "timeline": None, "texts": [
            ("تهديد {who} بالقتل في {place}", "Death threats against {who} in {place}",
             "[[تلقى|تلقت]] {victims} تهديدات بالقتل {channel} من {perp} {when} {where}، على خلفية {reason}.",
             "{Victims} received death threats {channel_en} from {perp} {where} {when} over {reason_en}."),
        ]},
    "smear": {
        "codes": {"I5": 1}, "extra": (("I4", 0.3), ("I3", 0.2)), "outcome": "other", "family": "online",
        "unknown": 0.35, "timeline": None, "campaign": True, "texts": [
            ("حملة تشهير وتحريض ضد {who} في {place}", "Smear campaign against {who} in {place}",
             "[[تعرّض|تعرّضت]] {victims} لحملة تشهير وتحريض على مواقع التواصل الاجتماعي {when}، "
             "قادتها حسابات مرتبطة ب{perp}.",
             "{Victims} {was} targeted by a smear and incitement campaign on social media {when}, led by "
             "accounts linked to {perp}."),
        ]},
    "harassment": {
        "codes": {"I4": 1}, "extra": (("I5", 0.3),), "outcome": "other", "family": "online", "unknown": 0.6,
        "timeline": None, "campaign": True, "female": 0.55, "max_victims": 1, "texts": [
            ("مضايقات إلكترونية ضد {who} في {place}", "Online harassment of {who} in {place}",
             "[[تعرّض|تعرّضت]] {victims} لمضايقات متكررة عبر الإنترنت {when}، شملت رسائل مسيئة ونشر معلومات "
             "شخصية، من قبل {perp}.",
             "{Victims} {was} subjected to repeated online harassment {when}, including abusive messages and "
             "the publication of personal details, by {perp}."),
        ]},
    "seizure": {
        "codes": {"P1": 1}, "extra": (("C4", 0.3), ("P2", 0.15)), "outcome": "property_damaged",
        "family": "arrest", "unknown": 0.1, "timeline": None, "texts": [
            ("مصادرة معدات {who} في {place}", "Equipment of {who} confiscated in {place}",
             "[[تعرّض|تعرّضت]] {victims} للتفتيش ومصادرة "
             "[[معداته|معداتها|معداتهما|معداتهما|معداتهم|معداتهن]] "
             "الصحفية على يد {perp} في نقطة تفتيش {where} {when}.",
             "{Victims} {was} searched and had {their} equipment confiscated by {perp} at a checkpoint "
             "{where} "
             "{when}."),
        ]},
    "raid": {
        "codes": {"P3": 1}, "extra": (("P1", 0.4), ("P2", 0.3), ("C2", 0.15)), "outcome": "property_damaged",
        "family": "arrest", "unknown": 0.15, "timeline": None, "victims": "owner", "max_victims": 2,
        "texts": [
            ("اقتحام مقر {outlet} في {place}", "Offices of {outlet_en} raided in {place}",
             "تعرّض مقر {outlet} {where} للاقتحام على يد {perp} {when}، وصودرت أجهزة ومعدات من داخله.",
             "The offices of {outlet_en} {where} were raided by {perp} {when} and equipment was seized."),
            ("اقتحام ونهب مقر {outlet} في {place}", "Offices of {outlet_en} stormed and looted in {place}",
             "اقتحم مسلحون مقر {outlet} {where} {when} ونهبوا محتوياته، في هجوم نُسب إلى {perp}.",
             "Gunmen stormed the offices of {outlet_en} {where} {when} and looted them, in an attack "
             "attributed "
             "to {perp}."),
        ]},
    "blocking": {
        "codes": {"C1": 1}, "extra": (("C3", 0.1),), "outcome": "other", "family": "regulator",
        "unknown": 0.2, "timeline": None, "victims": "none", "campaign": True, "geo": "country", "texts": [
            ("حجب الموقع الإلكتروني ل{outlet} في {place}", "Website of {outlet_en} blocked in {place}",
             "تعذّر الوصول إلى الموقع الإلكتروني ل{outlet} من داخل {country} {when}، بعد قرار حجب صادر عن "
             "{perp}.",
             "The website of {outlet_en} became inaccessible from inside {country_en} {when} after a "
             "blocking "
             "order by {perp}."),
        ]},
    "closure": {
        "codes": {"C2": 1}, "extra": (("P3", 0.25),), "outcome": "prevented", "family": "regulator",
        "unknown": 0.0, "timeline": None, "victims": "owner_or_none", "campaign": True, "max_victims": 1,
        "texts": [
            ("إغلاق {outlet} في {place}", "{Outlet_en} shut down in {place}",
             "صدر قرار عن {perp} بإغلاق {outlet} {where} {when}، بدعوى «مخالفة قوانين النشر».",
             "{Perp} ordered the closure of {outlet_en} {where} {when}, citing \"violations of publishing "
             "laws\"."),
        ]},
    "censorship": {
        "codes": {"C3": 1}, "extra": (), "outcome": "prevented", "family": "regulator", "unknown": 0.1,
        "timeline": None, "campaign": True, "max_victims": 1, "texts": [
            ("منع نشر تقرير ل{who} في {place}", "Report by {who} censored in {place}",
             "[[مُنع|مُنعت]] {victims} من نشر تقرير حول {topic} {where} {when}، بعد تدخل {perp}.",
             "{Victims} {was} prevented from publishing a report on {topic_en} {where} {when} after "
             "intervention by {perp}."),
        ]},
    "prevented": {
        "codes": {"C4": 1}, "extra": (("P1", 0.2),), "outcome": "prevented", "family": "arrest",
        "unknown": 0.05, "timeline": None, "texts": [
            ("منع {who} من التغطية في {place}", "{Who} prevented from reporting in {place}",
             "[[مُنع|مُنعت]] {victims} من تغطية {event} {where} {when} على يد {perp}.",
             "{Victims} {was} prevented by {perp} from covering {event_en} {where} {when}."),
        ]},
    "travel_ban": {
        "codes": {"C5": 1}, "extra": (), "outcome": "prevented", "family": "court", "unknown": 0.0,
        "timeline": None, "max_victims": 1, "texts": [
            ("منع {who} من السفر في {place}", "Travel ban on {who} in {place}",
             "[[مُنع|مُنعت]] {victims} من السفر {when} أثناء محاولة مغادرة البلاد عبر {port}، "
             "[[وأُبلغ|وأُبلغت|وأُبلغا|وأُبلغتا|وأُبلغوا|وأُبلغن]] بوجود قرار منع صادر عن {perp}.",
             "{Victims} {was} stopped from travelling {when} while trying to leave the country via "
             "{port_en}, "
             "and told of a travel ban issued by {perp}."),
        ]},
    "dismissal": {
        "codes": {"E1": 1}, "extra": (), "outcome": "dismissed", "family": "employer", "unknown": 0.0,
        "timeline": None, "texts": [
            ("فصل {who} تعسفياً في {place}", "{Who} arbitrarily dismissed in {place}",
             "[[فُصل|فُصلت]] {victims} من [[عمله|عملها|عملهما|عملهما|عملهم|عملهن]] {when} بقرار من {perp}، "
             "على خلفية {reason}.",
             "{Victims} {was} dismissed from {their} {jobs} {when} by decision of {perp} over {reason_en}."),
            ("إيقاف راتب {who} في {place}", "Salary of {who} suspended in {place}",
             "أُوقف راتب {victims_gen} {when} بقرار من {perp}، على خلفية {reason}.",
             "The salary of {victims} was suspended {when} by decision of {perp} over {reason_en}."),
        ]},
    "surveillance": {
        "codes": {"D1": 1}, "extra": (), "outcome": "other", "family": "online", "unknown": 0.4,
        "timeline": None, "max_victims": 1, "texts": [
            ("اختراق هاتف {who} ببرنامج تجسس في {place}", "Phone of {who} hacked with spyware in {place}",
             "تعرّض الهاتف المحمول {li_victims} للاختراق ببرنامج تجسس تجاري {when}، وفق تحليل تقني أجراه "
             "مختبر مستقل، ويُشتبه في وقوف {perp} وراء العملية.",
             "The mobile phone of {victims} was hacked with commercial spyware {when}, according to a "
             "technical "
             "analysis by an independent lab; {perp} is suspected of being behind it."),
            ("اختراق حسابات {who} على مواقع التواصل في {place}",
             "Social media accounts of {who} hacked in {place}",
             "تعرّضت حسابات {li_victims} على مواقع التواصل الاجتماعي للاختراق {when}، ونُشرت من خلالها مواد "
             "مسيئة، ويُشتبه في وقوف {perp} وراء ذلك.",
             "The social media accounts of {victims} were hacked {when} and used to post offensive material; "
             "{perp} is suspected of being behind it."),
        ]},
}

# profile -> {scenario: weight}
PROFILES = {
    "yemen": {"detention": 16, "torture": 3, "abduction": 12, "hostage": 1, "disappearance": 5,
              "missing": 1, "house_arrest": 0.5, "death_custody": 0.5, "sentence": 2, "prosecution": 4,
              "lawsuit": 0.5, "killing_targeted": 3, "killing_combat": 4, "killing_assignment": 1,
              "attempted_killing": 2, "assault": 8, "injury_combat": 3, "threat": 7, "death_threat": 3,
              "smear": 2, "harassment": 1, "seizure": 7, "raid": 4, "blocking": 1.5, "closure": 1,
              "censorship": 1, "prevented": 5, "travel_ban": 1, "dismissal": 4, "surveillance": 0.5},
    "conflict": {"detention": 8, "torture": 2, "abduction": 8, "hostage": 2, "disappearance": 4,
                 "missing": 2, "death_custody": 1, "sentence": 1, "prosecution": 2, "killing_targeted": 4,
                 "killing_combat": 10, "killing_assignment": 3, "attempted_killing": 2, "assault": 7,
                 "injury_combat": 9, "threat": 6, "death_threat": 3, "smear": 1, "harassment": 1,
                 "seizure": 6, "raid": 5, "blocking": 1, "closure": 1.5, "censorship": 1, "prevented": 6,
                 "travel_ban": 1, "dismissal": 1, "surveillance": 0.5},
    "occupation": {"detention": 14, "torture": 1.5, "abduction": 0.5, "disappearance": 0.5,
                   "house_arrest": 2, "sentence": 2, "prosecution": 3, "killing_targeted": 2,
                   "killing_combat": 12, "attempted_killing": 1, "assault": 11, "injury_combat": 16,
                   "threat": 4, "death_threat": 1, "smear": 2, "harassment": 2, "seizure": 6, "raid": 6,
                   "blocking": 1, "closure": 1.5, "censorship": 2, "prevented": 10, "travel_ban": 4,
                   "dismissal": 0.5, "surveillance": 1},
    "iraq": {"detention": 9, "torture": 1, "abduction": 5, "disappearance": 2, "sentence": 1,
             "prosecution": 6, "lawsuit": 4, "killing_targeted": 5, "killing_combat": 2,
             "killing_assignment": 1, "attempted_killing": 3, "assault": 11, "injury_combat": 4, "threat": 9,
             "death_threat": 4, "smear": 2, "harassment": 1, "seizure": 4, "raid": 4, "blocking": 2,
             "closure": 3, "censorship": 2, "prevented": 10, "travel_ban": 1, "dismissal": 2,
             "surveillance": 1},
    "levant": {"detention": 4, "prosecution": 12, "lawsuit": 5, "sentence": 1, "killing_combat": 4,
               "attempted_killing": 1, "assault": 12, "injury_combat": 6, "threat": 10, "death_threat": 3,
               "smear": 6, "harassment": 4, "seizure": 3, "raid": 2, "blocking": 1.5, "closure": 1,
               "censorship": 5, "prevented": 9, "travel_ban": 1, "dismissal": 3, "surveillance": 2},
    "gulf": {"detention": 14, "torture": 1, "disappearance": 3, "house_arrest": 1, "sentence": 10,
             "prosecution": 16, "lawsuit": 3, "threat": 3, "smear": 5, "harassment": 4, "seizure": 1,
             "blocking": 4, "closure": 2, "censorship": 6, "prevented": 2, "travel_ban": 12,
             "dismissal": 6, "surveillance": 10},
    "egypt": {"detention": 18, "torture": 2, "disappearance": 7, "sentence": 6, "prosecution": 12,
              "lawsuit": 2, "killing_combat": 0.5, "assault": 4, "threat": 2, "smear": 3, "harassment": 2,
              "seizure": 3, "raid": 4, "blocking": 4, "closure": 1.5, "censorship": 5, "prevented": 6,
              "travel_ban": 7, "dismissal": 4, "surveillance": 4},
    "maghreb": {"detention": 12, "sentence": 6, "prosecution": 16, "lawsuit": 5, "assault": 6, "threat": 4,
                "smear": 5, "harassment": 4, "seizure": 2, "raid": 1, "blocking": 2, "closure": 1.5,
                "censorship": 5, "prevented": 8, "travel_ban": 5, "dismissal": 4, "surveillance": 6},
}

# --- flavour for the texts ------------------------------------------------------------------
REASONS = [
    ("منشورات على مواقع التواصل الاجتماعي", "social media posts"),
    ("تقرير صحفي عن الفساد", "a report on corruption"),
    ("مقال ينتقد السلطات", "an article criticising the authorities"),
    ("تغطية احتجاجات شعبية", "coverage of popular protests"),
    ("تحقيق استقصائي حول صفقات حكومية", "an investigation into government contracts"),
    ("مقابلة تلفزيونية", "a television interview"),
    ("تقرير عن أوضاع النازحين", "a report on displaced people"),
]
EVENTS = [
    ("وقفة احتجاجية", "a protest"),
    ("جلسة محاكمة", "a court hearing"),
    ("فعالية انتخابية", "an election event"),
    ("توزيع مساعدات إنسانية", "an aid distribution"),
    ("جنازة", "a funeral"),
    ("مؤتمر صحفي", "a press conference"),
    ("احتجاجات على تردي الخدمات", "protests over poor public services"),
    ("اعتصام عمالي", "a workers' sit-in"),
]
# (Arabic, English, "attributed" agreeing with the Arabic noun, perpetrator types or None for any)
ATTACKS = [
    ("قصف مدفعي", "artillery shelling", "نُسب", None),
    ("غارة جوية", "an airstrike", "نُسبت", ("state_security", "foreign_state", "unknown")),
    ("هجوم بطائرة مسيّرة", "a drone strike", "نُسب", None),
    ("نيران قناص", "sniper fire", "نُسبت", None),
    ("قذيفة هاون", "a mortar shell", "نُسبت", ("non_state_armed_group", "state_security", "unknown")),
    ("رصاص حي", "live ammunition", "نُسب", ("state_security", "non_state_armed_group", "foreign_state")),
    ("قنبلة غاز مسيل للدموع", "a tear-gas canister", "نُسبت", ("state_security", "foreign_state")),
]
CHANNELS = [
    ("عبر الهاتف", "by phone"),
    ("عبر مواقع التواصل الاجتماعي", "on social media"),
    ("بشكل مباشر", "in person"),
    ("عبر رسائل مجهولة المصدر", "through anonymous messages"),
]
TOPICS = [
    ("الأوضاع المعيشية", "living conditions"),
    ("الفساد في المؤسسات العامة", "corruption in public institutions"),
    ("انتهاكات حقوق الإنسان", "human rights abuses"),
    ("أزمة المياه", "the water crisis"),
    ("الاحتجاجات الأخيرة", "the recent protests"),
    ("أوضاع السجون", "prison conditions"),
]
CHARGES = [
    ("نشر أخبار كاذبة", "spreading false news"),
    ("إهانة مؤسسات الدولة", "insulting state institutions"),
    ("تهديد الأمن الوطني", "threatening national security"),
    ("التواصل مع جهات معادية", "contact with hostile parties"),
    ("إساءة استخدام وسائل التواصل الاجتماعي", "misuse of social media"),
    ("القذف والتشهير", "defamation"),
    ("التحريض على الكراهية", "incitement to hatred"),
]
# prison terms: (Arabic, English, days)
TERMS = [
    ("ستة أشهر", "six months", 182), ("سنة واحدة", "one year", 365), ("سنتين", "two years", 730),
    ("ثلاث سنوات", "three years", 1095), ("خمس سنوات", "five years", 1826),
    ("سبع سنوات", "seven years", 2556), ("عشر سنوات", "ten years", 3652),
    ("خمس عشرة سنة", "fifteen years", 5479),
]
PORTS = [
    ("المطار", "the airport"),
    ("أحد المنافذ البرية", "a land border crossing"),
    ("الميناء", "the port"),
]
CONTEXT = [
    ("وطالبت منظمات معنية بحرية الصحافة بفتح تحقيق مستقل ومحاسبة المسؤولين.",
     "Press freedom organisations called for an independent investigation and accountability."),
    ("وتأتي الحادثة في سياق تصاعد الانتهاكات بحق الصحفيين في {country}.",
     "The incident comes amid a rise in violations against journalists in {country_en}."),
    ("وأدانت نقابة الصحفيين الحادثة واعتبرتها استهدافاً مباشراً لحرية الصحافة.",
     "The journalists' union condemned the incident as a direct attack on press freedom."),
    ("ولم تعلّق الجهات الرسمية على الحادثة حتى تاريخ النشر.",
     "The authorities had not commented on the incident at the time of publication."),
]
# timeline endings: (Arabic, English); {duration} is filled in by the loader
FOLLOW_UPS = {
    "sentenced": ("وصدر بحق" + _G3 + " حكم بالسجن لاحقاً.", "{They} {was} later sentenced to prison."),
    "charged": ("[[ووُجهت إليه|ووُجهت إليها|ووُجهت إليهما|ووُجهت إليهما|ووُجهت إليهم|ووُجهت إليهن]] تهمة "
                "{charge}.",
                "{They} {was} charged with {charge_en}."),
    "released": ("وأُفرج عن" + _G3 + " بعد {duration}.", "{They} {was} released after {duration_en}."),
    "some_released": ("وأُفرج عن بعض" + _G3 + " لاحقاً.", "Some of them were later released."),
    "held": ("ولا [[يزال|تزال|يزالان|تزالان|يزالون|يزلن]] رهن الاحتجاز حتى نهاية عام 2025.",
             "{They} {remains} in detention as of the end of 2025."),
    "captive": ("ولا [[يزال|تزال|يزالان|تزالان|يزالون|يزلن]] في قبضة الخاطفين حتى نهاية عام 2025.",
                "{They} {remains} in captivity as of the end of 2025."),
    "unknown_fate": ("ولا يزال مصير" + _G3 + " مجهولاً حتى نهاية عام 2025.",
                     "{Their} fate remains unknown as of the end of 2025."),
    "found_dead": ("ثم عُثر [[عليه ميتاً|عليها ميتة]] بعد {duration}.",
                   "{They} {was} found dead {duration_en} later."),
}
CONFIDENTIAL_NOTES = [
    "يُطلب عدم نشر أي تفاصيل قد تكشف مكان الإقامة الحالي للضحية.",
    "مصدر المعلومات أحد أفراد الأسرة، ويجب عدم التواصل مع الأسرة مباشرة.",
    "الضحية ما زالت داخل البلاد وتخشى الانتقام في حال نشر القضية.",
    "تفاصيل المقابلة مع الضحية محفوظة لدى منسق الحالة فقط.",
    "يُرجى عدم مشاركة رقم الهاتف أو العنوان الوارد في الملف مع أي جهة.",
    "تم التحقق من الرواية عبر شاهدين، أحدهما يعمل في جهة رسمية ويجب حماية هويته.",
    "الأسرة تتفاوض على الإفراج ولا ترغب في أي تغطية إعلامية حالياً.",
    "وثائق طبية تثبت التعذيب محفوظة في الأرشيف الداخلي.",
]

MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
             "نوفمبر", "ديسمبر")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
WEEKS = (("الأول", "first"), ("الثاني", "second"), ("الثالث", "third"), ("الرابع", "fourth"),
         ("الأخير", "last"))

# --- people and outlets (all invented) ------------------------------------------------------
# code -> (Arabic m, f, definite m, f, link to the outlet, English, weight); link " ل" = "for"
PROFESSION_WORDS = {
    "journalist": ("مراسل", "مراسلة", "المراسل", "المراسلة", " ل", "reporter", 40),
    "photographer": ("مصور", "مصورة", "المصور", "المصورة", " في ", "photographer", 14),
    "camera_operator": ("مصور تلفزيوني", "مصورة تلفزيونية", "المصور التلفزيوني", "المصورة التلفزيونية",
                        " في ", "camera operator", 9),
    "editor": ("محرر", "محررة", "المحرر", "المحررة", " في ", "editor", 8),
    "editor_in_chief": ("رئيس تحرير", "رئيسة تحرير", "رئيس التحرير", "رئيسة التحرير", " ", "editor-in-chief",
                        5),
    "presenter": ("مقدم برامج", "مقدمة برامج", "مقدم البرامج", "مقدمة البرامج", " في ", "presenter", 5),
    "columnist": ("كاتب", "كاتبة", "الكاتب", "الكاتبة", " في ", "columnist", 5),
    "media_worker": ("فني", "فنية", "الفني", "الفنية", " في ", "media worker", 4),
}
# professions that only make sense at some kinds of outlet
PROFESSION_MEDIA = {"camera_operator": ("tv",), "presenter": ("tv", "radio")}
# people without an outlet: profession -> (Arabic m, f, definite m, f, English, weight)
FREELANCE_WORDS = {
    "journalist": ("صحفي مستقل", "صحفية مستقلة", "الصحفي المستقل", "الصحفية المستقلة",
                   "freelance journalist", 5),
    "photographer": ("مصور مستقل", "مصورة مستقلة", "المصور المستقل", "المصورة المستقلة",
                     "freelance photographer",
                     2),
    "blogger": ("مدون", "مدونة", "المدون", "المدونة", "blogger", 3),
}
# several victims: count -> (Arabic genitive m, f, nominative m, f, English)
GROUP_WORDS = {
    2: ("صحفيين اثنين", "صحفيتين اثنتين", "صحفيان اثنان", "صحفيتان اثنتان", "two journalists"),
    3: ("ثلاثة صحفيين", "ثلاث صحفيات", "ثلاثة صحفيين", "ثلاث صحفيات", "three journalists"),
    4: ("أربعة صحفيين", "أربع صحفيات", "أربعة صحفيين", "أربع صحفيات", "four journalists"),
}
# media type -> (Arabic word before the name, Arabic after it, English after it, weight)
OUTLET_TYPES = {
    "print": ("صحيفة", "", "newspaper", 25),
    "tv": ("قناة", "", "TV", 25),
    "radio": ("إذاعة", "", "Radio", 12),
    "online": ("موقع", " الإخباري", "news website", 28),
    "news_agency": ("وكالة", " للأنباء", "News Agency", 5),
    "social_media": ("شبكة", " الإخبارية", "News Network", 5),
}
OUTLET_HEADS = [("صوت", "Voice of"), ("صدى", "Echo of"), ("نافذة", "Window on"), ("منارة", "Beacon of"),
                ("نبض", "Pulse of"), ("مرآة", "Mirror of"), ("أضواء", "Lights of"), ("بوابة", "Gate of"),
                ("أنباء", "Tidings of")]
OUTLET_TAILS = [("الساحل", "the Coast"), ("الوادي", "the Valley"), ("الجبل", "the Mountain"),
                ("المدينة", "the City"), ("الهضبة", "the Plateau"), ("الواحة", "the Oasis"),
                ("النهر", "the River"), ("الصحراء", "the Desert"), ("البحر", "the Sea"),
                ("السهل", "the Plain"), ("الضفاف", "the Banks")]
OUTLETS_PER_COUNTRY = {"YE": 9, "SY": 5, "PS": 5, "IQ": 5, "LY": 4, "SD": 4, "EG": 5, "LB": 4, "OM": 3,
                       "SA": 3, "AE": 2, "JO": 2, "BH": 2, "KW": 1, "QA": 1, "TN": 2, "DZ": 2, "MA": 2}

MALE_NAMES = [
    ("محمد", "Mohammed"), ("أحمد", "Ahmed"), ("علي", "Ali"), ("عبدالله", "Abdullah"), ("خالد", "Khaled"),
    ("عمر", "Omar"), ("يوسف", "Youssef"), ("حسن", "Hassan"), ("حسين", "Hussein"), ("إبراهيم", "Ibrahim"),
    ("سامي", "Sami"), ("ماجد", "Majed"), ("وليد", "Walid"), ("فارس", "Fares"), ("نبيل", "Nabil"),
    ("عادل", "Adel"), ("طارق", "Tareq"), ("سعيد", "Saeed"), ("ياسر", "Yasser"), ("هشام", "Hisham"),
    ("مراد", "Murad"), ("بسام", "Bassam"), ("جمال", "Jamal"), ("صالح", "Saleh"), ("منصور", "Mansour"),
    ("عبدالرحمن", "Abdulrahman"), ("فيصل", "Faisal"), ("نزار", "Nizar"), ("رامي", "Rami"), ("كريم", "Karim"),
    ("مازن", "Mazen"), ("زياد", "Ziad"), ("أنور", "Anwar"), ("عماد", "Emad"), ("أيمن", "Ayman"),
    ("مصطفى", "Mustafa"), ("حمزة", "Hamza"), ("بلال", "Bilal"), ("قاسم", "Qasim"), ("ناصر", "Nasser"),
    ("توفيق", "Tawfiq"), ("سليمان", "Suleiman"), ("جلال", "Jalal"), ("أسامة", "Osama"), ("معاذ", "Muath"),
]
FEMALE_NAMES = [
    ("فاطمة", "Fatima"), ("مريم", "Maryam"), ("سارة", "Sara"), ("نور", "Nour"), ("هدى", "Huda"),
    ("أمل", "Amal"), ("رنا", "Rana"), ("ليلى", "Layla"), ("سلمى", "Salma"), ("هبة", "Heba"),
    ("رشا", "Rasha"), ("منى", "Mona"), ("دعاء", "Doaa"), ("أسماء", "Asmaa"), ("إيمان", "Iman"),
    ("ريم", "Reem"), ("شيماء", "Shaimaa"), ("نادية", "Nadia"), ("سمر", "Samar"), ("لينا", "Lina"),
    ("ياسمين", "Yasmin"), ("عائشة", "Aisha"), ("خديجة", "Khadija"), ("زينب", "Zainab"), ("رحاب", "Rehab"),
    ("هالة", "Hala"), ("وفاء", "Wafaa"), ("أروى", "Arwa"), ("بشرى", "Bushra"), ("سهى", "Suha"),
]
FAMILY_NAMES = {
    "yemen": [("الصبري", "al-Sabri"), ("العبسي", "al-Absi"), ("الحميري", "al-Himyari"),
              ("الشرعبي", "al-Sharabi"), ("العريقي", "al-Areeqi"), ("المقطري", "al-Maqtari"),
              ("الأهدل", "al-Ahdal"), ("باوزير", "Bawazir"), ("بامطرف", "Bamatraf"), ("الجعدي", "al-Jaadi"),
              ("السقاف", "al-Saqqaf"), ("الوصابي", "al-Wassabi"), ("الريمي", "al-Raimi"),
              ("اليافعي", "al-Yafei"), ("الذبحاني", "al-Dhubhani"), ("القدسي", "al-Qudsi"),
              ("الحكيمي", "al-Hakimi"), ("المخلافي", "al-Mikhlafi"), ("الكبسي", "al-Kibsi"),
              ("الأغبري", "al-Aghbari"), ("باعبود", "Baabood"), ("الشميري", "al-Shamiri")],
    "levant": [("الحلبي", "al-Halabi"), ("الخطيب", "al-Khatib"), ("الأحمد", "al-Ahmad"),
               ("النجار", "al-Najjar"), ("العلي", "al-Ali"), ("الحسن", "al-Hassan"), ("أبو زيد", "Abu Zeid"),
               ("حداد", "Haddad"), ("الزعبي", "al-Zoubi"), ("أبو شمالة", "Abu Shamala"), ("عودة", "Odeh"),
               ("حمدان", "Hamdan"), ("شاهين", "Shaheen"), ("الحاج", "al-Hajj"), ("سلامة", "Salameh"),
               ("عيسى", "Issa"), ("يونس", "Younes"), ("درويش", "Darwish"), ("الدباغ", "al-Dabbagh"),
               ("صبح", "Sobh")],
    "iraq": [("الجبوري", "al-Jubouri"), ("العبيدي", "al-Obaidi"), ("الدليمي", "al-Dulaimi"),
             ("الربيعي", "al-Rubaie"), ("الساعدي", "al-Saadi"), ("الموسوي", "al-Mousawi"),
             ("الحسيني", "al-Husseini"), ("الشمري", "al-Shammari"), ("الزبيدي", "al-Zubaidi"),
             ("الكعبي", "al-Kaabi"), ("البياتي", "al-Bayati"), ("العزاوي", "al-Azzawi"),
             ("التميمي", "al-Tamimi"), ("الخفاجي", "al-Khafaji"), ("الجنابي", "al-Janabi"),
             ("الأسدي", "al-Asadi")],
    "gulf": [("الحارثي", "al-Harthi"), ("البلوشي", "al-Balushi"), ("الكندي", "al-Kindi"),
             ("الرواحي", "al-Rawahi"), ("الهنائي", "al-Hinai"), ("العتيبي", "al-Otaibi"),
             ("الشهري", "al-Shehri"), ("القحطاني", "al-Qahtani"), ("الغامدي", "al-Ghamdi"),
             ("المطيري", "al-Mutairi"), ("العنزي", "al-Anazi"), ("المري", "al-Marri"),
             ("المنصوري", "al-Mansouri"), ("الشامسي", "al-Shamsi"), ("الدوسري", "al-Dosari"),
             ("الرشيدي", "al-Rashidi"), ("المعمري", "al-Maamari"), ("الراشدي", "al-Rashdi"),
             ("الستراوي", "al-Sitrawi"), ("العجمي", "al-Ajmi")],
    "nile": [("عبد الفتاح", "Abdel Fattah"), ("عبد الحميد", "Abdel Hamid"), ("السيد", "El Sayed"),
             ("الشريف", "El Sherif"), ("منصور", "Mansour"), ("فهمي", "Fahmy"), ("سليمان", "Soliman"),
             ("عثمان", "Osman"), ("النور", "Elnour"), ("الأمين", "Elamin"), ("إدريس", "Idris"),
             ("بابكر", "Babiker"), ("عبد الرحيم", "Abdelrahim"), ("الطيب", "Eltayeb"), ("حامد", "Hamed"),
             ("عوض", "Awad"), ("إسماعيل", "Ismail"), ("الخضر", "Elkhidir")],
    "maghreb": [("الورفلي", "al-Warfalli"), ("المصراتي", "al-Misrati"), ("الزوي", "al-Zway"),
                ("الفيتوري", "al-Fitouri"), ("بن سالم", "Ben Salem"), ("الهمامي", "Hammami"),
                ("بوزيد", "Bouzid"), ("بلقاسم", "Belkacem"), ("بن يوسف", "Benyoucef"), ("العلوي", "Alaoui"),
                ("الإدريسي", "El Idrissi"), ("التازي", "Tazi"), ("بوعزة", "Bouazza"),
                ("مسعودي", "Messaoudi"), ("بن عمر", "Benamor"), ("الشريف", "Cherif")],
}
FOREIGN_NATIONALITIES = ("GB", "FR", "US", "DE", "ES", "TR", "JO", "LB", "EG", "TN")

# --- sources --------------------------------------------------------------------------------
# (publisher, domain, language of the publication)
PUBLISHERS = [
    ("مرصد الحريات الإعلامية", "observatory.example.org", "ar"),
    ("شبكة رصد الانتهاكات", "monitor.example.net", "ar"),
    ("المنتدى العربي لحرية التعبير", "arab-forum.example.org", "ar"),
    ("مركز توثيق حقوق الصحفيين", "journalist-rights.example.org", "ar"),
    ("وكالة الأنباء المستقلة", "independent-news.example.net", "ar"),
    ("Regional Media Watch", "mediawatch.example.net", "en"),
    ("Press Safety Index", "press-safety.example.org", "en"),
    ("Newsroom Defenders Network", "defenders.example.net", "en"),
]
# internal sources: (publisher, title)
INTERNAL_SOURCES = [
    ("شاهد عيان", "إفادة شاهد عيان"),
    ("أحد أفراد الأسرة", "اتصال مع أسرة الضحية"),
    ("زميل عمل", "إفادة زميل في مكان العمل"),
    ("الضحية", "مقابلة مباشرة مع الضحية"),
]
