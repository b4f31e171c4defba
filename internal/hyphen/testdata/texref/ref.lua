-- Hyphenates each line of words.txt with LuaTeX's own hyphenation
-- (lang.hyphenate) over ../../hyph-fr.tex, lefthyphenmin 2 and
-- righthyphenmin 3, and writes "word<TAB>hy-phe-nated" lines to the
-- file given as the first argument. Run by gen.sh.
local words, out = "words.txt", arg[1] or "tex-fr.txt"

-- Every character of the words is a letter (its own lower case: the words
-- are written in lower case), and so is the apostrophe, as hyph-utf8's
-- French loader sets it.
local letters, seen = {}, {}
local function letter(c) if not seen[c] then seen[c] = true; letters[#letters+1] = c end end
letter(string.byte("'"))
for word in io.lines(words) do
  for _, c in utf8.codes(word) do letter(c) end
end
for _, c in ipairs(letters) do tex.setlccode(c, c) end

local body = io.open("../../hyph-fr.tex"):read("a"):match("\\patterns{(.-)\n}")
body = body:gsub("%%[^\n]*", "")
local l = lang.new()
for _, c in ipairs(letters) do lang.sethjcode(l, c, c) end
l:patterns(body)

-- Hyphenation needs a font with a hyphen character: a dummy one will do.
local chars = {[45] = {width = 65536}}
for _, c in ipairs(letters) do chars[c] = {width = 65536} end
local fid = font.define({name = "dummy", size = 655360, characters = chars, hyphenchar = 45})

local f = io.open(out, "w")
for word in io.lines(words) do
  local head = node.new("glue")
  local tail = head
  for _, c in utf8.codes(word) do
    local g = node.new("glyph")
    g.subtype, g.char, g.font, g.lang, g.left, g.right, g.uchyph = 1, c, fid, l:id(), 2, 3, 1
    tail.next, g.prev, tail = g, tail, g
  end
  local stop = node.new("glue")
  tail.next, stop.prev = stop, tail
  lang.hyphenate(head, stop)
  local s = {}
  for n in node.traverse(head) do
    if n.id == node.id("glyph") then s[#s+1] = utf8.char(n.char)
    elseif n.id == node.id("disc") then s[#s+1] = "-" end
  end
  f:write(word, "\t", table.concat(s), "\n")
end
f:close()
