"""News article -> proposed draft cases (pure extraction: reads only, never writes).

``extract.extract`` reads an article (Arabic or English) and returns proposals: violation types,
victims, place, date, perpetrators and the source, each field with the sentence behind it and a
confidence. A person decides: nothing here is saved or published.
"""
