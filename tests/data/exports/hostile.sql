-- What glossar refuses to store but an export must still escape when a KB
-- somehow holds it (an older glossar, a hand edit): run on the KB that
-- hostile.csv built. Malformed and non-http(s) source URLs, an approved
-- concept whose URL is a script, and characters XML 1.0 forbids.
UPDATE definition SET source_url = 'https://example.org/a?b=1&c=<x>#frag "q"'
 WHERE concept_id = (SELECT id FROM concept WHERE key = 'xss');
UPDATE definition SET source_url = 'javascript:alert(1)'
 WHERE concept_id = (SELECT id FROM concept WHERE key = 'tex');
UPDATE concept SET status = 'approved' WHERE key = 'tex';
-- Characters XML 1.0 forbids (a C0 control, the noncharacters U+FFFE and
-- U+FFFF) in a definition, a label, a source and a source URL.
UPDATE definition SET text = text || ' Steuer' || char(1) || 'zeichen' || char(65534) || char(65535) || '.'
 WHERE concept_id = (SELECT id FROM concept WHERE key = 'kind');
INSERT INTO label (concept_id, kind, text, match_key, position)
 SELECT id, 'alt', 'Nicht' || char(65535) || 'zeichen' || char(2), 'nichtzeichen', 1 FROM concept WHERE key = 'kind';
UPDATE definition SET source = 'Quelle' || char(65534) || char(27), source_url = 'https://example.org/k' || char(65534) || 'x'
 WHERE concept_id = (SELECT id FROM concept WHERE key = 'kind');
