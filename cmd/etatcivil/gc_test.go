package main

import "testing"

// TestOneActCommands: the commands run without the garbage collector are
// commands of etatcivil (with their subcommands), and none reads the whole
// register.
func TestOneActCommands(t *testing.T) {
	root := (&env{}).rootCmd()
	for name := range oneActCommands {
		c, _, err := root.Find([]string{name})
		if err != nil || c == root || c.Name() != name {
			t.Errorf("%q is not a command of etatcivil", name)
			continue
		}
		if !isOneAct(c) {
			t.Errorf("%s is not taken for a one-act command", name)
		}
	}
	for _, args := range [][]string{{"mention", "ajouter"}, {"bans", "publier"}} {
		if c, _, err := root.Find(args); err != nil || !isOneAct(c) {
			t.Errorf("%q is not taken for a one-act command (%v)", args, err)
		}
	}
	for _, whole := range []string{"import", "export", "controle", "compacter", "restaurer", "sauvegarde", "demo", "guichet", "imprimer", "tables", "lister", "journal"} {
		c, _, err := root.Find([]string{whole})
		if err != nil || isOneAct(c) {
			t.Errorf("%s reads the whole register: it keeps the garbage collector (%v)", whole, err)
		}
	}
	if isOneAct(root) {
		t.Error("the program without a command is taken for a one-act command")
	}
}
