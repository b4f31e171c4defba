package main

import "testing"

// TestCommandName: the command of a command line, after the options and
// their values, as tuneGC reads it before cobra does.
func TestCommandName(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"naissance", "--fichier", "n.json"}, "naissance"},
		{[]string{"--dossier", "deces", "import", "naissance"}, "import"},
		{[]string{"--dossier=/tmp/r", "--agent", "copie", "controle"}, "controle"},
		{[]string{"-v"}, ""},
		{nil, ""},
	} {
		if got := commandName(c.args); got != c.want {
			t.Errorf("commandName(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}

// TestOneActCommandsAreCommands: every command run without the garbage
// collector is a command of etatcivil, and none reads the whole register.
func TestOneActCommandsAreCommands(t *testing.T) {
	root := (&env{}).rootCmd()
	for name := range oneActCommands {
		c, _, err := root.Find([]string{name})
		if err != nil || c == root || c.Name() != name {
			t.Errorf("%q is not a command of etatcivil", name)
		}
	}
	for _, whole := range []string{"import", "export", "controle", "compacter", "restaurer", "sauvegarde", "demo", "guichet", "imprimer", "tables", "lister", "journal"} {
		if oneActCommands[whole] {
			t.Errorf("%s reads the whole register: it keeps the garbage collector", whole)
		}
	}
}
