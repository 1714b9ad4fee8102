-- What glossar refuses to store but an export must still escape when a KB
-- somehow holds it (an older glossar, a hand edit): run on the KB that
-- hostile.csv built. Malformed and non-http(s) source URLs, an approved
-- concept whose URL is a script, and characters XML 1.0 forbids.
UPDATE definition SET source_url = 'https://example.org/a?b=1&c=<x>#frag "q"'
 WHERE concept_id = (SELECT id FROM concept WHERE key = 'xss');
UPDATE definition SET source_url = 'javascript:alert(1)'
 WHERE concept_id = (SELECT id FROM concept WHERE key = 'tex');
UPDATE concept SET status = 'approved' WHERE key = 'tex';
