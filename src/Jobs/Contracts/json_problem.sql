-- What is wrong with a JSON value for a JSON Schema, or NULL when nothing is: the subset of draft
-- 2020-12 the generator writes (type, $ref into $defs, anyOf, enum, minimum/maximum,
-- minLength/maxLength, pattern, format uuid/date-time/date, base64, properties/required,
-- additionalProperties, items). Members a schema does not name are allowed, as the payload reader
-- skips them. It reads the json text as given (not jsonb, which would turn 1e2 into 100): that
-- text is what goes into the payload. The enqueue functions call it for their json parameters; installed beside them.
-- __FUNCTION__ stands for this function's qualified name.
CREATE OR REPLACE FUNCTION __FUNCTION__(value json, schema jsonb, root jsonb, path text)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
SET standard_conforming_strings = on
AS $jobs_json_problem$
DECLARE
  kind text := json_typeof(value);
  expected text := schema->>'type';
  text_value text;
  member text;
  item json;
  form jsonb;
  item_index integer := 0;
  problem text;
BEGIN
  IF schema ? '$ref' THEN
    RETURN __FUNCTION__(value, root #> string_to_array(substr(schema->>'$ref', 3), '/'), root, path);
  END IF;
  IF schema ? 'anyOf' THEN
    FOR form IN SELECT * FROM jsonb_array_elements(schema->'anyOf') LOOP
      IF __FUNCTION__(value, form, root, path) IS NULL THEN
        RETURN NULL;
      END IF;
    END LOOP;
    -- The first form's problem says the most (the others are null, or a number for an enum).
    RETURN __FUNCTION__(value, schema->'anyOf'->0, root, path);
  END IF;
  -- An integer as the reader takes one: digits, no fraction and no exponent (1.0 and 1e2 are refused).
  IF expected IS NOT NULL AND NOT (kind = expected OR (expected = 'integer' AND kind = 'number' AND value::text ~ '^-?(0|[1-9][0-9]*)$')) THEN
    RETURN format('%s must be %s, not %s', path,
      CASE expected WHEN 'integer' THEN 'an integer' WHEN 'array' THEN 'an array' WHEN 'object' THEN 'an object' WHEN 'null' THEN 'null' ELSE 'a ' || expected END,
      CASE kind WHEN 'number' THEN value::text WHEN 'null' THEN 'null' ELSE 'a' || CASE WHEN kind IN ('object', 'array') THEN 'n ' ELSE ' ' END || kind END);
  END IF;
  IF schema ? 'enum' AND NOT (schema->'enum') @> jsonb_build_array(value::jsonb) THEN
    RETURN format('%s must be one of %s', path, (SELECT string_agg(e #>> '{}', ', ') FROM jsonb_array_elements(schema->'enum') AS e));
  END IF;
  IF kind = 'number' AND (((schema ? 'minimum') AND (value::text)::numeric < (schema->>'minimum')::numeric)
                       OR ((schema ? 'maximum') AND (value::text)::numeric > (schema->>'maximum')::numeric)) THEN
    -- jsonb spells 1.7976931348623157E+308 out in 309 digits: long bounds are shown as floats.
    RETURN format('%s must be between %s and %s', path,
      CASE WHEN length(schema->>'minimum') > 30 THEN ((schema->>'minimum')::float8)::text ELSE schema->>'minimum' END,
      CASE WHEN length(schema->>'maximum') > 30 THEN ((schema->>'maximum')::float8)::text ELSE schema->>'maximum' END);
  END IF;
  IF kind = 'string' THEN
    text_value := value #>> '{}';
    IF (schema ? 'minLength' AND length(text_value) < (schema->>'minLength')::integer)
       OR (schema ? 'maxLength' AND length(text_value) > (schema->>'maxLength')::integer) THEN
      RETURN format('%s must be %s to %s characters long', path, coalesce(schema->>'minLength', '0'), coalesce(schema->>'maxLength', 'any number of'));
    END IF;
    IF schema ? 'pattern' AND text_value !~ (schema->>'pattern') THEN
      RETURN format('%s must match %s', path, schema->>'pattern');
    END IF;
    IF (schema->>'format' = 'uuid' AND text_value !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
       OR (schema->>'format' = 'date-time' AND text_value !~* '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$')
       OR (schema->>'format' = 'date' AND text_value !~ '^\d{4}-\d{2}-\d{2}$') THEN
      RETURN format('%s must be a %s', path, schema->>'format');
    END IF;
    IF schema->>'contentEncoding' = 'base64' AND (text_value !~ '^[A-Za-z0-9+/]*={0,2}$' OR length(text_value) % 4 <> 0) THEN
      RETURN format('%s must be base64', path);
    END IF;
  END IF;
  IF kind = 'object' THEN
    FOR member IN SELECT jsonb_array_elements_text(coalesce(schema->'required', '[]'::jsonb)) LOOP
      IF value -> member IS NULL THEN
        RETURN format('%s.%s is required', path, member);
      END IF;
    END LOOP;
    FOR member, item IN SELECT * FROM json_each(value) LOOP
      problem := NULL;
      IF schema->'properties' ? member THEN
        problem := __FUNCTION__(item, schema->'properties'->member, root, path || '.' || member);
      ELSIF schema ? 'additionalProperties' THEN
        problem := __FUNCTION__(item, schema->'additionalProperties', root, path || '.' || member);
      END IF;
      IF problem IS NOT NULL THEN
        RETURN problem;
      END IF;
    END LOOP;
  END IF;
  IF kind = 'array' AND schema ? 'items' THEN
    FOR item IN SELECT * FROM json_array_elements(value) LOOP
      problem := __FUNCTION__(item, schema->'items', root, path || '[' || item_index || ']');
      IF problem IS NOT NULL THEN
        RETURN problem;
      END IF;
      item_index := item_index + 1;
    END LOOP;
  END IF;
  RETURN NULL;
END
$jobs_json_problem$
