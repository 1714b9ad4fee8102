-- Turns the KB that lint-bad.csv built into one that breaks lint's rules.
-- glossar refuses every one of these writes, so they go behind its back,
-- as an older glossar or a hand edit could have left them.
INSERT INTO label (concept_id, kind, text, match_key, position)
 SELECT id, 'abbrev', 'AL', 'al', 1 FROM concept WHERE key = 'beta';
INSERT INTO label (concept_id, kind, text, match_key, position)
 SELECT id, 'hidden', 'Alpha', 'alpha', 2 FROM concept WHERE key = 'beta';
UPDATE concept SET status = 'approved' WHERE key = 'beta';
UPDATE definition SET source_url = 'ftp://example.org/g'
 WHERE concept_id = (SELECT id FROM concept WHERE key = 'gamma');
INSERT INTO relation (concept_id, kind, target_id, position)
 SELECT g.id, 'broader', a.id, 0 FROM concept g, concept a WHERE g.key = 'gamma' AND a.key = 'alpha';
UPDATE label SET text = 'Gamma', match_key = 'gamma'
 WHERE kind = 'pref' AND concept_id = (SELECT id FROM concept WHERE key = 'delta');
UPDATE definition SET source_url = 'https:///nohost'
 WHERE concept_id = (SELECT id FROM concept WHERE key = 'epsilon');
INSERT INTO label (concept_id, kind, text, match_key, position)
 SELECT id, 'alt', '---', '', 1 FROM concept WHERE key = 'epsilon';
INSERT INTO label (concept_id, kind, text, match_key, position)
 SELECT id, 'alt', 'Zwei' || char(10) || 'Zeilen', 'zweizeilen', 2 FROM concept WHERE key = 'epsilon';
INSERT INTO label (concept_id, kind, text, match_key, position)
 SELECT id, 'hidden', 'Eps' || char(65534), 'eps', 3 FROM concept WHERE key = 'epsilon';
