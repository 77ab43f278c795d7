# The words of the files the studio hands out: print sheets, packing lists, and the
# README beside a sealed CHSI package.

## Print sheets and packing lists
doc-sheets = Print sheets
doc-packing-list = Packing list
doc-campaign = Campaign
doc-school = School
doc-batch = Mailing batch
doc-no-batch = no batch
doc-made-at = Made at
doc-made-by = Made by
doc-roster = On the roster
doc-in-envelope = In this envelope
doc-not-in-envelope = Not in this envelope
doc-programme = Programme
doc-name = Name
doc-student-no = Student no.
doc-id-masked = ID number (masked)
doc-contents = Contents
doc-status = Status
doc-detail = Detail
doc-copies = prints
doc-withdraw = printed photo no longer approved: take it out of the envelope
doc-reprint = reprint

## A roster student's status on the packing list
doc-standing-in-envelope = in this envelope
doc-standing-printed-earlier = sent with an earlier envelope
doc-standing-approved-not-printed = approved, not printed yet
doc-standing-awaiting-review = awaiting review
doc-standing-rejected-waiting = rejected, waiting for a new photo
doc-standing-failed-makeup = collection failed, make-up shoot booked
doc-standing-failed-no-makeup = collection failed, no make-up shoot booked
doc-standing-collected-offline = collected offline (passport / HK-Macau-Taiwan permit)
doc-standing-no-upload = no photo uploaded
doc-detail-new-photo-due = new photo due { $at }
doc-detail-makeup = make-up shoot { $at }
doc-detail-printed = printed { $at }

## Beside a sealed CHSI package (README.txt; the file holds both languages)
doc-sealed-readme =
    chsi.tar.age is encrypted with age; only the holder of the matching private key can open it.
    Decrypt with age 1.x (https://age-encryption.org) and unpack with tar (built into Windows 10+):
        age -d -i key.txt -o chsi.tar chsi.tar.age
        tar -xf chsi.tar
    It holds the photos named <ID number>.jpg and manifest.csv with each photo's SHA-256.
