#!/bin/bash
# Selection of the heldout6 texts (the heldout5 procedure, new seed); run from
# /work/heldout6/selection-heldout6 under nice. Output goes to selection.log.
set -e
zcat /work/shared/bench/corpus-laws.txt.gz > /tmp/annot6_corpus.txt
sha256sum /work/shared/bench/corpus-laws.txt.gz
# select.py and extract.py are those of ../selection-heldout3 of the repository, unchanged
python3 /work/main/tests/data/discovery/selection-heldout3/select.py /tmp/annot6_corpus.txt > candidates.tsv
echo "candidates: $(wc -l < candidates.tsv) units from $(cut -f1 candidates.tsv | sort -u | wc -l) laws"
seeded() { openssl enc -aes-256-ctr -pass pass:"$1" -nosalt -pbkdf2 </dev/zero 2>/dev/null; }
# All 57 units listed (no head cut): 36 law names are excluded now (USED below), so few
# new laws are left and up to 8 texts may be needed; a cut could end the list before the
# rule stops. The order is that of the full shuffle either way (head only cuts it).
shuf --random-source=<(seeded glossar-heldout6-20261130) candidates.tsv > drawn.tsv
echo "drawn (the whole shuffle, seed glossar-heldout6-20261130):"
nl drawn.tsv | cut -f1-4,7
# laws of dev/, heldout/, heldout2/, the dropped FPersV candidate, heldout3/, heldout4/ and heldout5/
USED='AntiDopG|BEZNG|BSIG 2009|IDÜV|GGArt91cVtr|KSG|AWZROVAnl|BKOrgErl 2009|ChemG|FSBetrV|InVeKoSDG 2015|KredWG|LMEV|BauNVO|GGVSee 2015|BAföG-EinkommensV|FPersV|BImSchV 27|ElektroStoffV|GroMiKV 2014|KrGlasKennzG|FahrschAusbO 2012|BinSchUO 2018|HwPGV|BinSchStrO 2012|FSPersAV|GGVSEB|MarkenG§8Bek97|BImSchV 17 2013|BioAbfV|EinigVtr|EAG-BehandV|AbwV|LuftGerPV1998DV 2 2018|MinÖlBewV 1988|BinSchPersV'
echo "kept (in draw order; law not used before, one unit per law):"
awk -F'\t' -v used="$USED" 'BEGIN{n=split(used,u,"|"); for(i=1;i<=n;i++) U[u[i]]=1}
  !($1 in U) && !($1 in seen) {seen[$1]=1; print ++k "\t" $0}' drawn.tsv | cut -f1-5,7
