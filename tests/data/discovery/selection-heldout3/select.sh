#!/bin/sh
# Selection of the heldout3 texts; run from /work/heldout3. Output goes to selection.log.
set -e
zcat /work/shared/bench/corpus-laws.txt.gz > /tmp/annot_corpus.txt
sha256sum /work/shared/bench/corpus-laws.txt.gz
python3 select.py /tmp/annot_corpus.txt > candidates.tsv
echo "candidates: $(wc -l < candidates.tsv) units from $(cut -f1 candidates.tsv | sort -u | wc -l) laws"
seeded() { openssl enc -aes-256-ctr -pass pass:"$1" -nosalt -pbkdf2 </dev/zero 2>/dev/null; }
shuf --random-source=<(seeded glossar-heldout3-20261130) candidates.tsv | head -12 > drawn.tsv
echo "drawn (first 12 of the shuffle, seed glossar-heldout3-20261130):"
nl drawn.tsv | cut -f1-4,7
# laws of dev/, heldout/, heldout2/ and the dropped FPersV candidate
USED='AntiDopG|BEZNG|BSIG 2009|IDÜV|GGArt91cVtr|KSG|AWZROVAnl|BKOrgErl 2009|ChemG|FSBetrV|InVeKoSDG 2015|KredWG|LMEV|BauNVO|GGVSee 2015|BAföG-EinkommensV|FPersV'
echo "kept (in draw order; law not used before, one unit per law):"
awk -F'\t' -v used="$USED" 'BEGIN{n=split(used,u,"|"); for(i=1;i<=n;i++) U[u[i]]=1}
  !($1 in U) && !($1 in seen) {seen[$1]=1; print ++k "\t" $0}' drawn.tsv | cut -f1-5,7
