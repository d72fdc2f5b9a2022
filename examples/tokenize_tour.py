"""A runnable tour of barq's tokenizer: python examples/tokenize_tour.py"""

import barq

text = "قال الوزير لـ”وكالة الأنباء”: ارتفعت الصادرات ٣٫٥٪ إلى 1,200.75 مليون عام 2024م! #اقتصاد"

tokenizer = barq.Tokenizer(normalizer=barq.Normalizer.preset("search"))
for token in tokenizer.tokenize(text):
    assert text[token.start : token.end] == token.text
    print(f"{token.start:3} {token.end:3}  {token.kind:8} {token.text!r:22} {token.norm!r}")

print(barq.sentences("وصل الوفد صباحًا. والتقى د. سامي بالمسؤولين! هل انتهى الاجتماع؟"))
print(barq.Tokenizer(mode="camel").words(text))
