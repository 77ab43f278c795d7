-- Pixel size of each photo, filled in when its checks run (NULL: not decoded yet or undecodable).
ALTER TABLE photos ADD COLUMN width INTEGER;
ALTER TABLE photos ADD COLUMN height INTEGER;
