#!/bin/bash
# Selection of the heldout5 texts (the heldout4 procedure, new seed); run from
# /work/heldout5/selection-heldout5 under nice. Output goes to selection.log.
set -e
zcat /work/shared/bench/corpus-laws.txt.gz > /tmp/annot5_corpus.txt
sha256sum /work/shared/bench/corpus-laws.txt.gz
# select.py and extract.py are those of ../selection-heldout3, unchanged
python3 ../selection-heldout3/select.py /tmp/annot5_corpus.txt > candidates.tsv
echo "candidates: $(wc -l < candidates.tsv) units from $(cut -f1 candidates.tsv | sort -u | wc -l) laws"
seeded() { openssl enc -aes-256-ctr -pass pass:"$1" -nosalt -pbkdf2 </dev/zero 2>/dev/null; }
# 40 drawn rather than 24: five more laws are excluded than for heldout4 (29 names in USED
# below, 24 then), and up to 8 texts may be needed. The order is the same as that of the
# full shuffle (head only cuts it).
shuf --random-source=<(seeded glossar-heldout5-20261130) candidates.tsv | head -40 > drawn.tsv
echo "drawn (first 40 of the shuffle, seed glossar-heldout5-20261130):"
nl drawn.tsv | cut -f1-4,7
# laws of dev/, heldout/, heldout2/, the dropped FPersV candidate, heldout3/ and heldout4/
USED='AntiDopG|BEZNG|BSIG 2009|IDÜV|GGArt91cVtr|KSG|AWZROVAnl|BKOrgErl 2009|ChemG|FSBetrV|InVeKoSDG 2015|KredWG|LMEV|BauNVO|GGVSee 2015|BAföG-EinkommensV|FPersV|BImSchV 27|ElektroStoffV|GroMiKV 2014|KrGlasKennzG|FahrschAusbO 2012|BinSchUO 2018|HwPGV|BinSchStrO 2012|FSPersAV|GGVSEB|MarkenG§8Bek97|BImSchV 17 2013'
echo "kept (in draw order; law not used before, one unit per law):"
awk -F'\t' -v used="$USED" 'BEGIN{n=split(used,u,"|"); for(i=1;i<=n;i++) U[u[i]]=1}
  !($1 in U) && !($1 in seen) {seen[$1]=1; print ++k "\t" $0}' drawn.tsv | cut -f1-5,7
