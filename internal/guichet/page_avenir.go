package guichet

// avenirData is what a section not built yet shows.
type avenirData struct {
	What     string
	Commands []string
}

// avenir is a section of the navigation whose page is not built yet: it
// says what the section will do and which commands do it meanwhile.
func avenir(path, title, key, what string, commands ...string) *Page {
	return &Page{Path: path, Title: title, Nav: title, Key: key, Template: "avenir.html",
		Get: func(*Ctx) (any, error) { return avenirData{what, commands}, nil }}
}
